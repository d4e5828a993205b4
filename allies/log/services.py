"""Writing to the communication log. Nothing here overwrites: every change is a revision."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from allies.accounts.models import User
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

# canonical_json, revision_hash and GENESIS_HASH are still imported from here (meetings,
# the exports); chain.py is where they live.
from .chain import GENESIS_HASH as GENESIS_HASH
from .chain import canonical_json as canonical_json
from .chain import entry_snapshot, revision_payload
from .chain import revision_hash as revision_hash
from .models import PARTICIPANT_ORDER, Interaction, InteractionRevision, Participation
from .signals import entry_recorded, follow_up_closed


def interaction_snapshot(
    interaction: Interaction, participants: list[TeamMember]
) -> dict[str, Any]:
    """What an entry says, in a stable shape that does not depend on later renames."""
    return entry_snapshot(
        occurred_at=interaction.occurred_at,
        channel=interaction.channel,
        direction=interaction.direction,
        participants=[(m.pk, m.name, m.role) for m in participants],
        purposes=interaction.purposes,
        tone=interaction.tone,
        summary=interaction.summary,
        follow_up_due=interaction.follow_up_due,
        student_id=interaction.student_id,
        student_name=interaction.student.name if interaction.student else None,
        follow_up_done=interaction.follow_up_done,
    )


def _lock_workspace(workspace_id: int) -> Workspace:
    """Take the workspace's log lock: the first statement of every write to the log.

    On PostgreSQL the row lock serializes writers in one workspace (so sequence numbers
    cannot collide) and, taken before any insert, cannot deadlock with the key-share
    locks that inserting rows which point at the workspace takes. SQLite's IMMEDIATE
    transactions already serialize writers.
    """
    return Workspace.objects.select_for_update(no_key=True).get(pk=workspace_id)


def _seal(
    *,
    workspace: Workspace,
    interaction: Interaction,
    kind: str,
    author: User,
    data: dict[str, Any],
    reason: str = "",
) -> InteractionRevision:
    """Append one revision to the workspace's chain, under the lock from _lock_workspace.

    The workspace row keeps the chain's head (last seq and hash), written in the same
    transaction, so removing the newest revisions shows: the head no longer matches.
    """
    seq = workspace.log_seq + 1
    prev_hash = workspace.log_head
    number = interaction.revision_count if kind != InteractionRevision.Kind.CREATED else 1
    recorded_at = timezone.now()
    payload = revision_payload(
        workspace=workspace.pk,
        seq=seq,
        interaction=interaction.pk,
        number=number,
        kind=kind,
        author=author.email,
        recorded_at=recorded_at,
        reason=reason,
        data=data,
    )
    digest = revision_hash(prev_hash=prev_hash, payload=payload)
    workspace.log_seq, workspace.log_head = seq, digest
    workspace.save(update_fields=["log_seq", "log_head"])
    return InteractionRevision.objects.create(
        workspace=workspace,
        interaction=interaction,
        seq=seq,
        number=number,
        kind=kind,
        author=author,
        author_label=author.email,
        recorded_at=recorded_at,
        reason=reason,
        data=data,
        prev_hash=prev_hash,
        hash=digest,
    )


def _check_student(workspace: Workspace, student: Student | None) -> None:
    if student is not None and student.workspace_id != workspace.pk:
        raise ValueError("the student must belong to the entry's workspace")


def _check_participants(
    workspace: Workspace, participants: Iterable[TeamMember]
) -> list[TeamMember]:
    members = list(participants)
    if any(m.workspace_id != workspace.pk for m in members):
        raise ValueError("participants must belong to the entry's workspace")
    return members


def _positions(members: list[TeamMember]) -> Case:
    """Each member's place in `members` (the order they were ticked), for an UPDATE."""
    ticked = dict.fromkeys(m.pk for m in members)
    return Case(*(When(member_id=pk, then=Value(n)) for n, pk in enumerate(ticked)), default=0)


def _set_participants(interaction: Interaction, members: list[TeamMember]) -> None:
    copies = {
        "occurred_at": interaction.occurred_at,
        "withdrawn": interaction.withdrawn_at is not None,
        "purposes": interaction.purposes,
        "direction": interaction.direction,
    }
    interaction.participants.set(members, through_defaults=copies)
    # Rows kept by set() still carry the old copies if the entry was edited; and every
    # row takes its place in the order given, in the same statement.
    Participation.objects.filter(interaction=interaction).update(
        **copies, position=_positions(members)
    )


def _participants_of(interaction: Interaction) -> list[TeamMember]:
    """The entry's people as saved, in their order."""
    return list(interaction.participants.order_by(*PARTICIPANT_ORDER))


@transaction.atomic
def interaction_record(
    *,
    workspace: Workspace,
    author: User,
    occurred_at: datetime.datetime,
    channel: str,
    direction: str,
    participants: Iterable[TeamMember],
    purposes: int,
    tone: str,
    summary: str,
    follow_up_due: datetime.date | None = None,
    student: Student | None = None,
    closes: Interaction | None = None,
) -> Interaction:
    """Add an entry. `closes` is an earlier entry whose follow-up this one answers."""
    workspace = _lock_workspace(workspace.pk)
    members = _check_participants(workspace, participants)
    _check_student(workspace, student)
    interaction = Interaction(
        workspace=workspace,
        author=author,
        occurred_at=occurred_at,
        channel=channel,
        direction=direction,
        purposes=purposes,
        tone=tone,
        summary=summary,
        follow_up_due=follow_up_due,
        student=student,
    )
    interaction.full_clean()
    interaction.save()
    _set_participants(interaction, members)
    _seal(
        workspace=workspace,
        interaction=interaction,
        kind=InteractionRevision.Kind.CREATED,
        author=author,
        data=interaction_snapshot(interaction, members),
    )
    if closes is not None:
        follow_up_close(interaction=closes, author=author, done_on=occurred_at, via=interaction)
    entry_recorded.send(
        sender=Interaction,
        entry=interaction,
        member_ids={m.pk for m in members},
        author=author,
    )
    return interaction


class EditConflict(Exception):
    """The entry changed since the form was shown; saving would silently undo that change."""


EDITABLE = frozenset(
    {
        "occurred_at",
        "channel",
        "direction",
        "purposes",
        "tone",
        "summary",
        "follow_up_due",
        "follow_up_done",
        "student",
    }
)


@transaction.atomic
def interaction_edit(
    *,
    interaction: Interaction,
    author: User,
    participants: Iterable[TeamMember],
    base_revision: int | None = None,
    **changes: Any,
) -> Interaction:
    """Save `changes` as a new revision. An edit that changes nothing records nothing.

    `base_revision` is the revision the editor saw; if another has been saved since,
    EditConflict is raised instead of overwriting it.
    """
    workspace = _lock_workspace(interaction.workspace_id)
    # Re-read under the lock: the copy the view loaded may be out of date.
    interaction.refresh_from_db()
    if interaction.withdrawn_at:
        raise ValueError("a withdrawn entry cannot be edited")
    if base_revision is not None and base_revision != interaction.revision_count:
        raise EditConflict
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    members = _check_participants(workspace, participants)
    _check_student(workspace, changes.get("student", interaction.student))
    present = _participants_of(interaction)
    before = interaction_snapshot(interaction, present)
    for field, value in changes.items():
        setattr(interaction, field, value)
    after = interaction_snapshot(interaction, members)
    if after == before:
        # The same content. The order of the people is not sealed (the snapshot lists
        # them by id), so a new order is kept without a revision.
        if list(dict.fromkeys(m.pk for m in members)) != [m.pk for m in present]:
            Participation.objects.filter(interaction=interaction).update(
                position=_positions(members)
            )
        return interaction
    interaction.full_clean()
    interaction.revision_count += 1
    interaction.save()
    _set_participants(interaction, members)
    _seal(
        workspace=workspace,
        interaction=interaction,
        kind=InteractionRevision.Kind.EDITED,
        author=author,
        data=after,
    )
    return interaction


@transaction.atomic
def interaction_withdraw(*, interaction: Interaction, author: User, reason: str) -> Interaction:
    """Take an entry out of the log. It stays in the history with the reason."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a reason is required to withdraw an entry")
    workspace = _lock_workspace(interaction.workspace_id)
    interaction.refresh_from_db()
    if interaction.withdrawn_at:
        return interaction
    interaction.withdrawn_at = timezone.now()
    interaction.withdrawn_reason = reason
    interaction.revision_count += 1
    interaction.save(update_fields=["withdrawn_at", "withdrawn_reason", "revision_count"])
    Participation.objects.filter(interaction=interaction).update(withdrawn=True)
    _seal(
        workspace=workspace,
        interaction=interaction,
        kind=InteractionRevision.Kind.WITHDRAWN,
        author=author,
        data=interaction_snapshot(interaction, list(interaction.participants.all())),
        reason=reason,
    )
    return interaction


@transaction.atomic
def follow_up_close(
    *,
    interaction: Interaction,
    author: User,
    done_on: datetime.date | datetime.datetime,
    via: Interaction | None = None,
) -> Interaction:
    """Mark an entry's follow-up done, as a new revision of that entry.

    `via` is the new entry that answered it, if the follow-up was logged.
    """
    if isinstance(done_on, datetime.datetime):
        done_on = timezone.localtime(done_on).date()
    # Check "still open" under the lock, so two closings cannot both pass the check.
    _lock_workspace(interaction.workspace_id)
    interaction.refresh_from_db()
    if not interaction.follow_up_open:
        return interaction
    interaction_edit(
        interaction=interaction,
        author=author,
        participants=_participants_of(interaction),
        follow_up_done=done_on,
    )
    follow_up_closed.send(sender=Interaction, entry=interaction, author=author, via=via)
    return interaction
