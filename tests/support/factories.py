"""Make the things tests need: users, workspaces, students, team members, log entries, clients.

Plain functions, not fixtures: a test calls them for anything beyond the personas of the
root conftest.py (alice owner, erin editor, vera viewer, oscar outsider, anonymous).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

PASSWORD = "correct horse battery staple"
# No row has this id: for "not found" tests (and it fits in every integer column).
UNKNOWN_ID = 987_654_321
# A password the validators accept, for sign-ups and password changes.
NEW_PASSWORD = "a much longer passphrase 2026"


def make_user(email: str, **extra: Any) -> Any:
    from allies.accounts.models import User

    return User.objects.create_user(email, PASSWORD, **extra)


def make_workspace(owner: Any, name: str = "The Test family", kind: str = "family") -> Any:
    from allies.workspaces.services import workspace_create

    return workspace_create(owner=owner, name=name, kind=kind)


def make_student(workspace: Any, name: str = "Sam T.", **extra: Any) -> Any:
    from allies.students.models import Student

    return Student.objects.create(workspace=workspace, name=name, **extra)


def make_member(workspace: Any, name: str = "Ms. Lee", **extra: Any) -> Any:
    from allies.team.models import TeamMember

    extra.setdefault("role", TeamMember.Role.GENERAL_ED)
    return TeamMember.objects.create(workspace=workspace, name=name, **extra)


def make_entry(workspace: Any, author: Any, members: list[Any], **extra: Any) -> Any:
    from allies.log.models import Purpose
    from allies.log.services import interaction_record

    fields: dict[str, Any] = {
        "occurred_at": timezone.now() - datetime.timedelta(days=1),
        "channel": "email",
        "direction": "sent",
        "purposes": int(Purpose.CHECK_IN),
        "tone": "neutral",
        "summary": "Checked in about the week.",
    }
    fields.update(extra)
    return interaction_record(workspace=workspace, author=author, participants=members, **fields)


def seed_entries(
    workspace: Any, author: Any, members: list[Any], count: int, **fields: Any
) -> None:
    """`count` log entries in two bulk inserts: rows plus participants, no revisions.

    Lists and dashboards read only these tables, so this is enough to measure them at scale.
    """
    from allies.log.models import Interaction, Purpose
    from allies.team.models import TeamMember

    now = timezone.now()
    values: dict[str, Any] = {
        "channel": "email",
        "direction": "sent",
        "purposes": int(Purpose.CHECK_IN),
        "tone": "neutral",
        "summary": "Talked about reading at home.",
    }
    values.update(fields)
    rows = Interaction.objects.bulk_create(
        Interaction(
            workspace=workspace,
            author=author,
            occurred_at=now - datetime.timedelta(hours=i + 1),
            **values,
        )
        for i in range(count)
    )
    # The through model may carry a copy of the entry's time for fast "last contact".
    through = Interaction.participants.through
    names = {f.name for f in through._meta.get_fields()}
    member_fk = next(f.name for f in through._meta.get_fields() if f.related_model is TeamMember)
    through.objects.bulk_create(
        through(
            interaction=row,
            **{member_fk: member},
            **({"occurred_at": row.occurred_at} if "occurred_at" in names else {}),
        )
        for row in rows
        for member in members
    )


def noon_days_ago(days: int) -> datetime.datetime:
    """Noon, `days` local calendar days before today.

    Whatever the time of day or a daylight-saving change, an entry logged then was logged
    "N days ago" in the local calendar, as views that ask `timezone.localdate()` count.
    """
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def log_days_ago(workspace: Any, author: Any, members: list[Any], days: int, **fields: Any) -> Any:
    """A log entry with `members`, at noon `days` local calendar days ago."""
    return make_entry(workspace, author, members, occurred_at=noon_days_ago(days), **fields)


def added_days_ago(member: Any, days: int) -> None:
    """Back-date when a team member was added (created_at is auto_now_add)."""
    from allies.team.models import TeamMember

    TeamMember.objects.filter(pk=member.pk).update(created_at=noon_days_ago(days))


def spanish(user: Any) -> Any:
    """`user`, who now reads the app in Spanish."""
    user.language = "es"
    user.save(update_fields=["language"])
    return user


def client_for(user: Any | None) -> Client:
    """A test Client logged in as `user`; None is the anonymous visitor."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def make_meeting(workspace: Any, author: Any, *, in_days: int = 7, **extra: Any) -> Any:
    """A meeting planned `in_days` from now (negative: one already held), through the
    service, so that it has our checklist."""
    from allies.meetings.services import meeting_plan

    starts_at = timezone.now() + datetime.timedelta(days=in_days)
    return meeting_plan(workspace=workspace, author=author, starts_at=starts_at, **extra)
