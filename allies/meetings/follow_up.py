"""After a meeting: its summary in words, who it goes to in which language, whether
personal confirmation links can be offered, and how many attendees confirmed it.

The summary's words are written here once, for the three places that show them: the log
entry that records the meeting, the follow-up draft (toolkit's compose fills its
placeholders from `draft_values`) and the page an attendee's link opens.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from allies.log.services import canonical_json
from allies.team.models import TeamMember

from .models import ActionItem, Confirmation, Decision, Meeting

LOCAL_NAMES = {"localhost", "localhost.localdomain", ""}


def summary_snapshot(
    meeting: Meeting,
    decisions: Sequence[Decision] | None = None,
    actions: Sequence[ActionItem] | None = None,
) -> dict[str, Any]:
    """What attendees are asked to confirm, in a stable shape: the decisions (in their
    order) and the action items (by id) with their owners and dates; read from the
    meeting unless the caller has them."""
    if decisions is None:
        decisions = list(meeting.decisions.all())
    if actions is None:
        actions = list(meeting.action_items.select_related("owner").order_by("pk"))
    items = sorted(actions, key=lambda item: item.pk)
    return {
        "meeting": meeting.pk,
        "starts_at": meeting.starts_at.astimezone(datetime.UTC).isoformat(),
        "decisions": [d.text for d in decisions],
        "action_items": [
            {
                "text": item.text,
                "owner": item.owner.name if item.owner else None,
                "family": item.owner_is_family,
                "due": item.due.isoformat() if item.due else None,
            }
            for item in items
        ],
    }


def summary_hash(
    meeting: Meeting,
    decisions: Sequence[Decision] | None = None,
    actions: Sequence[ActionItem] | None = None,
) -> str:
    """The fingerprint of the summary as it is now: an answer counts for it only if it
    answered this very summary."""
    snapshot = summary_snapshot(meeting, decisions, actions)
    return hashlib.sha256(canonical_json(snapshot).encode()).hexdigest()


def links_offered(site_url: str | None = None) -> bool:
    """Whether the install says others can reach it (`ALLIES_SITE_URL` not on this
    machine): only then can an attendee's personal link open anything."""
    host = (urlsplit(site_url or settings.SITE_URL).hostname or "").lower()
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return not (address.is_loopback or address.is_unspecified or address.is_link_local)


@dataclass(frozen=True)
class LanguageGroup:
    """The attendees a follow-up in one language goes to."""

    language: str
    members: tuple[TeamMember, ...]

    @property
    def label(self) -> str:
        return str(dict(settings.LANGUAGES).get(self.language, self.language))


def language_groups(attendees: list[TeamMember]) -> list[LanguageGroup]:
    """The attendees by the language their messages are written in, in the order of
    the first attendee of each: one follow-up each, in their own language."""
    groups: dict[str, list[TeamMember]] = {}
    for member in attendees:
        groups.setdefault(member.language or settings.LANGUAGE_CODE, []).append(member)
    return [LanguageGroup(language, tuple(members)) for language, members in groups.items()]


def planner_zone(meeting: Meeting) -> str | None:
    """The time zone a meeting's summary is told in to those outside Allies (the link's
    page, the copy that carries it): that of whoever planned it, else the install's."""
    author = meeting.created_by
    return author.time_zone if author is not None and author.time_zone else None


def link_block(url: str, expires: datetime.datetime) -> str:
    """What ends an attendee's own copy of the follow-up, in the active language."""
    return (
        _(
            "Your own link to confirm this summary, or to say what you would correct. It "
            "needs no account, works once and until %(date)s:"
        )
        % {"date": date_format(localtime(expires), "DATE_FORMAT")}
        + f"\n{url}"
    )


def action_line(item: ActionItem) -> str:
    """ "Send the reading log (Ms. Lee, by 12/10/2026)", in the active language."""
    who = item.owner.name if item.owner else _("the family")
    if item.due:
        return _("%(what)s (%(who)s, by %(when)s)") % {
            "what": item.text,
            "who": who,
            "when": date_format(item.due, "SHORT_DATE_FORMAT"),
        }
    return _("%(what)s (%(who)s)") % {"what": item.text, "who": who}


def _bullets(lines: list[str], empty: str) -> str:
    return "\n".join(f"- {line}" for line in lines) if lines else f"- {empty}"


def summary_values(meeting: Meeting | None, *, language: str) -> dict[str, str]:
    """The placeholders a follow-up fills, in `language`: the meeting's kind and date,
    its decisions and its action items as lines; cues to fill in for no meeting, or
    for a meeting with none recorded."""
    with translation.override(language):
        if meeting is None:
            return {
                "meeting": _("[the meeting]"),
                "meeting_date": _("[the day of the meeting]"),
                "decisions": _bullets([], _("[What we agreed]")),
                "action_items": _bullets([], _("[Who will do what, by when]")),
            }
        decisions = list(meeting.decisions.all())
        actions = list(meeting.action_items.select_related("owner").order_by("pk"))
        return {
            "meeting": meeting.kind_label,
            "meeting_date": date_format(localtime(meeting.starts_at), "DATE_FORMAT"),
            "decisions": _bullets([d.text for d in decisions], _("[What we agreed]")),
            "action_items": _bullets(
                [action_line(a) for a in actions], _("[Who will do what, by when]")
            ),
        }


def log_summary(meeting: Meeting, decisions: list[Decision], actions: list[ActionItem]) -> str:
    """The text of the log entry that records the meeting, in the active language."""
    title = meeting.kind_label
    if meeting.student is not None:
        title = f"{title}: {meeting.student.name}"
    parts = [title]
    if decisions:
        parts.append(_("Decisions:") + "\n" + _bullets([d.text for d in decisions], ""))
    if actions:
        parts.append(_("Action items:") + "\n" + _bullets([action_line(a) for a in actions], ""))
    if not decisions and not actions:
        parts.append(_("No decisions or action items were recorded."))
    return "\n\n".join(parts)


@dataclass(frozen=True)
class Answer:
    """An attendee and their latest answer to the summary (None: not yet)."""

    member: TeamMember
    latest: Confirmation | None
    current: str = ""  # the summary's fingerprint now (services.summary_hash)

    @property
    def earlier(self) -> bool:
        """Their answer was to the summary before a decision or action item changed."""
        return self.latest is not None and self.latest.summary_hash != self.current

    @property
    def confirmed(self) -> bool:
        return (
            self.latest is not None
            and not self.earlier
            and self.latest.response == Confirmation.Response.CONFIRMED
        )


@dataclass(frozen=True)
class Tally:
    answers: list[Answer]
    record: list[Confirmation]  # every confirmation and correction, oldest first

    @property
    def confirmed(self) -> int:
        return sum(1 for a in self.answers if a.confirmed)

    @property
    def of(self) -> int:
        return len(self.answers)


def tally(attendees: list[TeamMember], record: list[Confirmation], current: str) -> Tally:
    """Who confirmed the summary as it is now (`current`, its fingerprint), from the
    meeting's record (oldest first): an attendee's latest answer counts, so a correction
    after a confirmation is not one, nor is a confirmation of an earlier summary."""
    latest = {c.member_id: c for c in record}
    return Tally(answers=[Answer(m, latest.get(m.pk), current) for m in attendees], record=record)
