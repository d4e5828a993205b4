"""Every write to workspaces and memberships, named `<thing>_<action>`."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from allies.accounts.emails import normalize_email
from allies.accounts.models import User
from allies.core.models import FormClaim

from .models import DeletionPermit, Invitation, Membership, Workspace


class LastOwner(Exception):
    """The workspace would be left without an owner."""


@transaction.atomic
def workspace_create(*, owner: User, name: str, kind: str = Workspace.Kind.FAMILY) -> Workspace:
    workspace = Workspace(name=name, kind=kind)
    workspace.full_clean()
    workspace.save()
    Membership.objects.create(user=owner, workspace=workspace, role=Membership.Role.OWNER)
    return workspace


@transaction.atomic
def workspace_delete(*, workspace: Workspace) -> None:
    """Delete the workspace and everything in it, its log and the log's history included.

    The only way a log revision is removed: the database refuses it otherwise (migration
    log 0010). The permit lets it through for this workspace, and is gone again before
    the transaction ends.
    """
    Workspace.objects.select_for_update().get(pk=workspace.pk)
    DeletionPermit.objects.create(workspace_id=workspace.pk)
    pk = workspace.pk
    workspace.delete()
    DeletionPermit.objects.filter(workspace_id=pk).delete()
    # The create forms' claims hold only the addresses of what they made; gone with it.
    FormClaim.objects.filter(scope=pk).delete()


@transaction.atomic
def workspace_schedule_deletion(
    *, workspace: Workspace, by: User, at: datetime.datetime | None = None
) -> Workspace:
    """Delete the workspace for everyone, for now: nobody reaches it (memberships of a
    deleted workspace let no one in), pending invitations are withdrawn, and an owner can
    bring it back (`workspace_undelete`) until `allies purge` removes it for good."""
    locked = Workspace.objects.select_for_update().get(pk=workspace.pk)
    if locked.deleted_at is None:
        locked.deleted_at, locked.deleted_by = at or timezone.now(), by
        locked.save(update_fields=["deleted_at", "deleted_by"])
        Invitation.objects.pending().filter(workspace=locked).delete()
    return locked


# How long a deleted workspace (or account) can still be brought back.
GRACE = datetime.timedelta(days=settings.ALLIES_DELETE_GRACE_DAYS)


def removed_on(deleted_at: datetime.datetime) -> datetime.date:
    """The day `allies purge` removes what was deleted at `deleted_at`, in the reader's zone."""
    return timezone.localdate(deleted_at + GRACE)


def workspace_undelete(*, workspace: Workspace) -> Workspace:
    workspace.deleted_at, workspace.deleted_by = None, None
    workspace.save(update_fields=["deleted_at", "deleted_by"])
    return workspace


def deleted_workspaces_owned(user: User) -> models.QuerySet[Workspace]:
    """Workspaces `user` owns that are deleted and not yet removed for good."""
    owned = Membership.everywhere.filter(user=user, role=Membership.Role.OWNER)
    return Workspace.objects.filter(
        deleted_at__isnull=False, pk__in=owned.values("workspace_id")
    ).order_by("deleted_at", "pk")


def workspace_set_record_line(*, workspace: Workspace, on: bool) -> Workspace:
    """Whether the toolkit's messages end with the record's fingerprint line."""
    workspace.record_line_in_messages = on
    workspace.save(update_fields=["record_line_in_messages"])
    return workspace


def workspace_rename(*, workspace: Workspace, name: str) -> Workspace:
    """Give the workspace a new name (trimmed; full_clean refuses an empty or long one)."""
    workspace.name = name.strip()
    workspace.full_clean(exclude=["kind"])
    workspace.save(update_fields=["name"])
    return workspace


@transaction.atomic
def workspace_leave(*, membership: Membership) -> None:
    """Take the member out of the workspace. Raises LastOwner rather than leave it ownerless.

    Under the workspace's row lock, so two owners leaving at once cannot both succeed.
    What they wrote stays in the log, under their name.
    """
    Workspace.objects.select_for_update().get(pk=membership.workspace_id)
    if membership.is_owner:
        owners = Membership.objects.filter(
            workspace_id=membership.workspace_id, role=Membership.Role.OWNER
        )
        if not owners.exclude(pk=membership.pk).exists():
            raise LastOwner
    Membership.objects.filter(pk=membership.pk).delete()
    user = membership.user
    if user.last_workspace_id == membership.workspace_id:
        user.last_workspace = None
        user.save(update_fields=["last_workspace"])


def membership_add(*, workspace: Workspace, user: User, role: str) -> Membership:
    membership = Membership(workspace=workspace, user=user, role=role)
    membership.full_clean()
    membership.save()
    return membership


class InvitationGone(Exception):
    """The invitation was withdrawn, declined, or accepted by someone who has since left."""


def invitation_create(
    *, workspace: Workspace, email: str, role: str, invited_by: User
) -> Invitation | None:
    """Invite `email` (normalised here) as `role`; None when its account is already a member.

    Inviting the same address again replaces the pending invitation's role. Whether an
    account uses the address is not revealed: an invitation is recorded either way.
    """
    email = normalize_email(email)
    if Membership.objects.filter(workspace=workspace, user__email=email).exists():
        return None
    invitation, _created = Invitation.objects.pending().update_or_create(
        workspace=workspace, email=email, defaults={"role": role, "invited_by": invited_by}
    )
    return invitation


def invitation_withdraw(*, invitation: Invitation) -> None:
    Invitation.objects.pending().filter(pk=invitation.pk).delete()


def invitation_decline(*, invitation: Invitation) -> None:
    Invitation.objects.pending().filter(pk=invitation.pk).delete()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Make `user` (the addressee) a member with the invited role; safe to repeat.

    Under the workspace's row lock the invitation is read again: accepted twice (a
    double click), the second call returns the membership the first made. Someone who is
    already a member keeps their role. Raises InvitationGone if it was withdrawn meanwhile.
    """
    Workspace.objects.select_for_update().get(pk=invitation.workspace_id)
    fresh = Invitation.objects.filter(pk=invitation.pk).first()
    existing = Membership.objects.filter(workspace_id=invitation.workspace_id, user=user).first()
    if fresh is None or (not fresh.pending and existing is None):
        raise InvitationGone
    if fresh.pending:
        fresh.accepted_at = timezone.now()
        fresh.save(update_fields=["accepted_at"])
    if existing is not None:
        return existing
    return membership_add(workspace=fresh.workspace, user=user, role=fresh.role)
