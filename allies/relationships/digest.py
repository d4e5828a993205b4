"""The weekly digest email: this week's focus, who is due, and the follow-ups coming up.

Sent by `allies send-digests` (meant for cron) to people who turned it on, one email a
person a week, covering each workspace they are a member of and nothing else. The week
and the dates are the reader's, in their time zone and language.

Re-running is safe: a `DigestDelivery` row is claimed before sending (one per person per
ISO week, by a unique constraint), and released if the sending fails, so the next run
tries again. Nothing personal is logged: no addresses, names or content.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator

from allies.accounts.models import User
from allies.workspaces.links import open_link
from allies.workspaces.models import Membership, Workspace

from .focus import FocusText, current_focus, describe, streak, week_of
from .health import MemberHealth, Status, follow_ups_soon, team_health
from .models import DigestDelivery

logger = logging.getLogger(__name__)

SHOWN = 20  # people and follow-ups listed per workspace; the rest are a link away
SUMMARY_CHARS = 90


class Outcome(NamedTuple):
    sent: int
    already_sent: int
    failed: int


@dataclass
class DueRow:
    name: str
    role: str
    status: str
    overdue: bool
    days_since: int | None
    cadence_days: int


@dataclass
class FollowUpRow:
    due: datetime.date
    past_due: bool
    people: str
    summary: str


@dataclass
class WorkspaceDigest:
    workspace: Workspace
    open_url: str = ""
    focus: FocusText | None = None
    focus_done: bool = False
    streak: int = 0
    due: list[DueRow] = field(default_factory=list)
    due_more: int = 0
    follow_ups: list[FollowUpRow] = field(default_factory=list)
    follow_ups_more: bool = False


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _due_row(health: MemberHealth) -> DueRow:
    return DueRow(
        name=health.member.name,
        role=health.member.role_label,
        status=str(Status(health.status).label),
        overdue=health.status == Status.OVERDUE,
        days_since=health.days_since,
        cadence_days=health.member.cadence_days,
    )


def workspace_digest(workspace: Workspace, today: datetime.date) -> WorkspaceDigest:
    """One workspace's part of the digest, in the active language and time zone.

    A fixed number of queries whatever the log's size (team health, the focus, the
    streak, the follow-ups and their people).
    """
    health = team_health(workspace, today=today)
    # Every link opens its page in this workspace, whichever the reader last worked in.
    part = WorkspaceDigest(
        workspace=workspace, open_url=absolute(open_link(workspace.pk, reverse("home")))
    )
    focus = current_focus(workspace, today=today, health=health)
    if focus is not None:
        text = describe(focus, today=today)
        url = absolute(open_link(workspace.pk, text.url))
        part.focus = FocusText(text.title, text.reason, text.action, url)
        part.focus_done = focus.is_done
    part.streak = streak(workspace, today=today)
    late = health.losing_touch
    part.due = [_due_row(h) for h in late[:SHOWN]]
    part.due_more = max(0, len(late) - SHOWN)
    entries = list(follow_ups_soon(workspace, today)[: SHOWN + 1])
    part.follow_ups_more = len(entries) > SHOWN
    for entry in entries[:SHOWN]:
        assert entry.follow_up_due is not None  # follow_ups_soon only has dated ones
        people = sorted(entry.participants.all(), key=lambda m: (m.name, m.pk))
        part.follow_ups.append(
            FollowUpRow(
                due=entry.follow_up_due,
                past_due=entry.follow_up_due < today,
                people=", ".join(m.name for m in people),
                summary=Truncator(entry.summary).chars(SUMMARY_CHARS),
            )
        )
    return part


def _one_line(text: str) -> str:
    """A header value on one line: no header injection, whatever a name contains."""
    return " ".join(text.split())


def build_message(
    user: User,
    workspaces: list[Workspace],
    today: datetime.date,
    connection: BaseEmailBackend | None = None,
) -> EmailMultiAlternatives:
    """The digest for `user`, in the active language and time zone."""
    parts = [workspace_digest(w, today) for w in workspaces]
    headline = next((p.focus for p in parts if p.focus and not p.focus_done), None)
    context: dict[str, Any] = {
        "user": user,
        "today": today,
        "week": week_of(today),
        "parts": parts,
        "several": len(parts) > 1,
        "site_url": settings.SITE_URL,
        "home_url": absolute(reverse("home")),
        "preferences_url": absolute(reverse("preferences")),
    }
    subject = _one_line(
        render_to_string(
            "relationships/digest_subject.txt",
            {"focus_title": headline.title if headline else ""},
        )
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("relationships/digest_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
        connection=connection,
    )
    message.attach_alternative(
        render_to_string("relationships/digest_email.html", context), "text/html"
    )
    return message


def _claim(user: User, week: datetime.date) -> DigestDelivery | None:
    """This week's delivery for `user`, or None if it was already claimed."""
    try:
        with transaction.atomic():
            return DigestDelivery.objects.create(user=user, week=week)
    except IntegrityError:
        return None


def send_digests(
    *, today: datetime.date | None = None, connection: BaseEmailBackend | None = None
) -> Outcome:
    """Send this week's digest to everyone who asked for it and has not had it yet.

    `today` is taken in each person's time zone unless given. A failed send releases the
    claim (so the next run retries) and does not stop the others.
    """
    connection = connection or get_connection()
    sent = already_sent = failed = 0
    users = list(User.objects.filter(digest=User.Digest.WEEKLY, is_active=True).order_by("pk"))
    for user in users:
        memberships = (
            Membership.objects.filter(user=user)
            .select_related("workspace")
            .order_by("workspace__name", "workspace_id")
        )
        workspaces = [m.workspace for m in memberships]
        if not workspaces:
            continue  # nothing to tell them about
        with timezone.override(user.time_zone), translation.override(user.language):
            day = today or timezone.localdate()
            claim = _claim(user, week_of(day))
            if claim is None:
                already_sent += 1
                continue
            try:
                build_message(user, workspaces, day, connection).send(fail_silently=False)
            except Exception as exc:
                claim.delete()
                failed += 1
                with contextlib.suppress(Exception):
                    connection.close()  # a broken session is reopened for the next person
                # The user's id and the kind of failure only: no address, no content.
                logger.warning(
                    "weekly digest for user %s not sent (%s); it will be retried",
                    user.pk,
                    type(exc).__name__,
                )
                continue
        sent += 1
    return Outcome(sent=sent, already_sent=already_sent, failed=failed)
