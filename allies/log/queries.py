"""Reading the log: the filtered list and the home page's figures."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.utils import timezone

from allies.core import kept
from allies.core.dates import day_start
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

from .models import Interaction, InteractionQuerySet, Participation
from .search import search_interactions


def filtered_log(workspace: Workspace, filters: dict[str, Any]) -> InteractionQuerySet:
    entries = Interaction.objects.filter(workspace=workspace)
    if not filters.get("withdrawn"):
        entries = entries.current()
    if filters.get("member"):
        entries = entries.filter(participants=filters["member"])
    if filters.get("purpose"):
        entries = entries.with_purpose(filters["purpose"])
    if filters.get("student"):
        entries = entries.filter(student=filters["student"])
    if filters.get("tone"):
        entries = entries.filter(tone=filters["tone"])
    if filters.get("channel"):
        entries = entries.filter(channel=filters["channel"])
    if filters.get("start"):
        entries = entries.filter(occurred_at__gte=day_start(filters["start"]))
    if filters.get("end"):
        entries = entries.filter(
            occurred_at__lt=day_start(filters["end"] + datetime.timedelta(days=1))
        )
    if filters.get("q"):
        entries = search_interactions(entries, filters["q"])
    return entries


def log_count(workspace: Workspace, filters: dict[str, Any], entries: InteractionQuerySet) -> int:
    """How many entries `filtered_log(workspace, filters)` (`entries`) finds, counted once
    for each state of the log: every change to it seals a revision, which moves the
    workspace's `log_seq` (read with the request's membership), so the count kept under
    it and the filters (core.kept, in the reader's time zone, which dates follow) is the
    count now. Counting a large log is most of its page's SQL."""
    applied = sorted(
        (name, value.pk if isinstance(value, Model) else value)
        for name, value in filters.items()
        if value  # what filtered_log leaves out
    )
    name = kept.key("log-count", workspace.pk, workspace.log_seq, applied)
    found: int | None = kept.cache().get(name)
    if found is None:
        found = entries.count()
        kept.cache().set(name, found, kept.KEPT_FOR)
    return found


def with_last_contact(members: QuerySet[TeamMember], student: Any = None) -> QuerySet[TeamMember]:
    """Annotate `last_contact`: one index look-up per member (see Participation); with
    `student`, the last contact about that child (the entries' rows too)."""
    latest = Participation.objects.filter(member=OuterRef("pk"), withdrawn=False)
    if student is not None:
        latest = latest.filter(interaction__student=student)
    latest = latest.order_by("-occurred_at")
    return members.annotate(last_contact=Subquery(latest.values("occurred_at")[:1])).order_by(
        "name", "pk"
    )


RESUBMIT_WINDOW = datetime.timedelta(minutes=10)


def find_resubmission(
    *,
    workspace: Workspace,
    author: Any,
    summary: str,
    participants: list[TeamMember],
    occurred_at: datetime.datetime | None = None,
) -> Interaction | None:
    """An entry the same person saved minutes ago with the same words and people.

    The one-time form token catches a double click; this catches the same form sent
    again after the back button, which brings a fresh token with the old content.
    """
    recent = Interaction.objects.filter(
        workspace=workspace,
        author=author,
        summary=summary,
        created_at__gte=timezone.now() - RESUBMIT_WINDOW,
        withdrawn_at__isnull=True,
    )
    if occurred_at is not None:
        recent = recent.filter(occurred_at=occurred_at)
    wanted = {m.pk for m in participants}
    for entry in recent.prefetch_related("participants")[:5]:
        if {m.pk for m in entry.participants.all()} == wanted:
            return entry
    return None
