"""Leaving with everything, and leaving: what a person can take, and deleting with a grace
period.

- `everything_zip`: one zip of all a person has here (their settings, a backup of each
  workspace they own, the log of each they are a guest in).
- `workspace_delete_later` / `workspace_bring_back`: an owner deletes a workspace for
  everyone; for GRACE_DAYS any of its owners can bring it back; the other owners are told.
- `account_leave` / `account_stay`: a person deletes their account. The workspaces they
  alone own go with it (for the same grace period); in shared ones, the other owners are
  told, and what they wrote stays in the log under their name.
- `purge`: what `allies purge` (cron, daily) removes for good once the grace is over.
"""

from __future__ import annotations

import datetime
import json
import logging
import smtplib
import tempfile
import zipfile
from typing import IO, Any

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from allies.accounts.models import User
from allies.calendar.models import CalendarFeed
from allies.log import chain, exports
from allies.workspaces.models import Membership, Workspace
from allies.workspaces.services import (
    GRACE,
    workspace_delete,
    workspace_schedule_deletion,
    workspace_undelete,
)

from .backup import backup_lines

logger = logging.getLogger(__name__)


def _other_owners(workspace: Workspace, but: User) -> list[User]:
    owners = Membership.everywhere.filter(workspace=workspace, role=Membership.Role.OWNER)
    return [m.user for m in owners.exclude(user=but).select_related("user").order_by("user_id")]


def tell(people: list[User], template: str, context: dict[str, Any]) -> int:
    """Email each of `people`, in their own language and time zone; how many were sent.

    A notice that cannot be sent does not undo what it tells of: it is logged (as a
    count, no addresses) and the rest are still sent.
    """
    sent = 0
    for person in people:
        with translation.override(person.language), timezone.override(person.time_zone):
            mine = {**context, "person": person}
            lines = render_to_string(f"archive/email/{template}_subject.txt", mine)
            subject = " ".join(lines.split())  # one line, whatever a name holds
            body = render_to_string(f"archive/email/{template}.txt", mine)
        message = EmailMessage(subject=subject, body=body, to=[person.email])
        try:
            sent += message.send()
        except (smtplib.SMTPException, OSError):
            logger.warning("a %s notice could not be sent", template)
    return sent


def workspace_delete_later(*, workspace: Workspace, by: User) -> Workspace:
    deleted = workspace_schedule_deletion(workspace=workspace, by=by)
    assert deleted.deleted_at is not None
    tell(
        _other_owners(deleted, by),
        "workspace_deleted",
        {"workspace": deleted, "by": by, "removed_on": deleted.deleted_at + GRACE},
    )
    return deleted


def workspace_bring_back(*, workspace: Workspace, by: User) -> Workspace:
    restored = workspace_undelete(workspace=workspace)
    tell(_other_owners(restored, by), "workspace_restored", {"workspace": restored, "by": by})
    return restored


def account_memberships(user: User) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user)
        .select_related("workspace")
        .order_by("workspace__name", "workspace_id")
    )


def alone_owned(user: User, memberships: list[Membership]) -> set[int]:
    """Of `memberships` (the user's), the workspaces no one else owns: they go with the
    account. One query for all of them."""
    shared = set(
        Membership.objects.filter(
            workspace__in=[m.workspace_id for m in memberships], role=Membership.Role.OWNER
        )
        .exclude(user=user)
        .values_list("workspace_id", flat=True)
    )
    return {m.workspace_id for m in memberships if m.is_owner and m.workspace_id not in shared}


@transaction.atomic
def account_leave(*, user: User) -> list[Workspace]:
    """Ask for `user`'s account to be deleted; the workspaces deleted with it."""
    now = timezone.now()
    user.leaving_at = now
    user.save(update_fields=["leaving_at"])
    deleted = []
    memberships = account_memberships(user)
    going = alone_owned(user, memberships)
    for membership in memberships:
        workspace = membership.workspace
        if workspace.pk in going:
            deleted.append(workspace_schedule_deletion(workspace=workspace, by=user, at=now))
        else:
            context = {"workspace": workspace, "by": user, "removed_on": now + GRACE}
            tell(_other_owners(workspace, user), "member_leaving", context)
    return deleted


@transaction.atomic
def account_stay(*, user: User) -> list[Workspace]:
    """Keep the account after all, and the workspaces that were to go with it."""
    asked = user.leaving_at
    user.leaving_at = None
    user.save(update_fields=["leaving_at"])
    if asked is None:
        return []
    back = list(Workspace.objects.filter(deleted_by=user, deleted_at=asked))
    for workspace in back:
        workspace_undelete(workspace=workspace)
    return back


def purge(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Remove for good what was deleted more than GRACE ago: (workspaces, accounts)."""
    cutoff = (now or timezone.now()) - GRACE
    workspaces = 0
    for workspace in Workspace.objects.filter(deleted_at__lt=cutoff).order_by("pk"):
        workspace_delete(workspace=workspace)
        workspaces += 1
    accounts = 0
    for user in User.objects.filter(leaving_at__lt=cutoff).order_by("pk"):
        with transaction.atomic():
            # Workspaces they alone owned and deleted since asking go with them now.
            for owned in Workspace.objects.filter(deleted_by=user, deleted_at__isnull=False):
                if not _other_owners(owned, user):
                    workspace_delete(workspace=owned)
                    workspaces += 1
            user.delete()
        accounts += 1
    return workspaces, accounts


# ----------------------------------------------------------------- taking everything


def account_record(user: User, memberships: list[Membership]) -> dict[str, Any]:
    """What Allies keeps about the person themself (not their workspaces' records)."""
    return {
        "email": user.email,
        "name": user.display_name,
        "language": user.language,
        "time_zone": user.time_zone,
        "weekly_digest": user.digest,
        "joined": user.date_joined.astimezone(datetime.UTC).isoformat(),
        "last_sign_in": user.last_login.astimezone(datetime.UTC).isoformat()
        if user.last_login
        else None,
        "calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
        "workspaces": [
            {"id": m.workspace_id, "name": m.workspace.name, "role": m.role, "file": _name(m)}
            for m in memberships
        ],
    }


def _name(membership: Membership) -> str:
    if membership.is_owner:
        return f"workspace-{membership.workspace_id}-backup.jsonl"
    return f"workspace-{membership.workspace_id}-log.json"


def everything_zip(user: User, memberships: list[Membership]) -> IO[bytes]:
    """A zip of everything `user` (whose `memberships` these are) has here, in a temporary
    file (rewound, to be streamed).

    Owners get each workspace's whole backup (`allies restore` reads it); guests get the
    log as its JSON export, which is what their seat lets them take.
    """
    spool = tempfile.TemporaryFile()  # noqa: SIM115  # returned open, for the response to stream
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        record = json.dumps(account_record(user, memberships), ensure_ascii=False, indent=2)
        archive.writestr("account.json", record)
        for membership in memberships:
            workspace = membership.workspace
            with archive.open(_name(membership), "w", force_zip64=True) as member:
                if membership.is_owner:
                    lines = backup_lines(workspace=workspace)
                else:
                    head = {"seq": workspace.log_seq, "hash": workspace.log_head}
                    lines = (
                        part.encode()
                        for part in exports.json_stream(
                            workspace, exports.Chosen(), head, chain.fingerprint(workspace)
                        )
                    )
                for line in lines:
                    member.write(line)
    spool.seek(0)
    return spool
