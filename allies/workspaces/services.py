"""Every write to workspaces and memberships, named `<thing>_<action>`."""

from __future__ import annotations

from django.db import transaction

from allies.accounts.models import User

from .models import Membership, Workspace


class LastOwner(Exception):
    """The workspace would be left without an owner."""


@transaction.atomic
def workspace_create(*, owner: User, name: str, kind: str = Workspace.Kind.FAMILY) -> Workspace:
    workspace = Workspace(name=name, kind=kind)
    workspace.full_clean()
    workspace.save()
    Membership.objects.create(user=owner, workspace=workspace, role=Membership.Role.OWNER)
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
