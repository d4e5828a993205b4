"""Drafts from templates: filling placeholders, the monthly update from the log, and
the ways a draft leaves Allies (a mailto: link, an .eml file, or SMTP when configured).

Placeholders are `{name}` with a fixed set of names (defaults.PLACEHOLDERS); nothing
else in a template is interpreted, so a workspace's own wording cannot reach anything
but the values given here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q, Value
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from allies.accounts.models import User
from allies.core.compiled import CompiledRead, Slot
from allies.core.dates import month_bounds, month_start, next_month, previous_month
from allies.log.chain import fingerprint
from allies.log.models import Interaction, InteractionQuerySet, Purpose
from allies.meetings import follow_up
from allies.meetings.models import OPEN_CONCERN, Concern, Meeting
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

from .defaults import LANGUAGES, PLACEHOLDERS, default_template
from .defaults import fill as fill  # drafts are filled by the one rule in defaults
from .models import MessageTemplate

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
ENTRY_CHARS = 160
BLOCK_LINES = 12
BLOCK_CHARS = 1_400  # four blocks and the template stay within BODY_MAX
COMING_DAYS = 60


def placeholders_in(text: str) -> set[str]:
    """The `{names}` in a workspace's text, however its braces are balanced."""
    return set(PLACEHOLDER.findall(text))


def unknown_placeholders(text: str, known: frozenset[str] = PLACEHOLDERS) -> list[str]:
    """The `{names}` in `text` that are not among `known` (a kind's, or any kind's)."""
    return sorted(placeholders_in(text) - set(known))


def template_for(workspace: Workspace, kind: str, language: str) -> tuple[str, str, bool]:
    """(subject, body, customised) for a kind in a language: the workspace's own wording
    if it has one, else ours."""
    own = MessageTemplate.objects.filter(workspace=workspace, kind=kind, language=language).first()
    if own is not None:
        return own.subject, own.body, True
    shipped = default_template(kind, language)
    return shipped["subject"], shipped["body"], False


def joined(names: list[str]) -> str:
    """ "Ms. Lee", "Ms. Lee and Mr. Park", "A, B and C", in the active language."""
    if not names:
        return _("everyone")
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _entry_line(entry: Interaction) -> str:
    day = date_format(timezone.localtime(entry.occurred_at), "SHORT_DATE_FORMAT")
    return f"- {day}: {Truncator(' '.join(entry.summary.split())).chars(ENTRY_CHARS)}"


def _block(lines: list[str], total: int, empty: str) -> str:
    """Lines for one block of the monthly update: at most BLOCK_LINES and BLOCK_CHARS, so
    that even a busy month's draft fits in a message; the rest are counted."""
    if not lines:
        return f"- {empty}"
    kept: list[str] = []
    size = 0
    for line in lines[:BLOCK_LINES]:
        if kept and size + len(line) + 1 > BLOCK_CHARS:
            break
        kept.append(line)
        size += len(line) + 1
    if total > len(kept):
        kept.append("- " + _("and %(n)d more in the log") % {"n": total - len(kept)})
    return "\n".join(kept)


# Which block an entry of the month goes in: the first of these its purposes fit.
# A question counts while its follow-up is not done (an answered one is not open).
_CONCERN = Q(_concern__gt=0)
_OPEN_QUESTION = Q(_question__gt=0, follow_up_done__isnull=True)
_VICTORY = Q(_victory__gt=0)
_LISTED = _CONCERN | _OPEN_QUESTION | _VICTORY


def _by_purpose(entries: InteractionQuerySet) -> InteractionQuerySet:
    return entries.alias(
        _concern=F("purposes").bitand(int(Purpose.CONCERN)),
        _question=F("purposes").bitand(int(Purpose.QUESTION)),
        _victory=F("purposes").bitand(int(Purpose.VICTORY)),
    )


def _concern_line(concern: Concern) -> str:
    """ "- Homework takes too long: plan agreed (shorter sets on busy days)"."""
    line = f"- {concern.title}: {concern.status_label.lower()}"
    if concern.plan and concern.status in (Concern.Status.PLAN_AGREED, Concern.Status.RESOLVED):
        line += f" ({Truncator(' '.join(concern.plan.split())).chars(ENTRY_CHARS)})"
    return line


def _follow_up_note(entry: Interaction) -> str:
    if entry.follow_up_done:
        return " " + _("(followed up %(date)s)") % {
            "date": date_format(entry.follow_up_done, "SHORT_DATE_FORMAT")
        }
    if entry.follow_up_due:
        return " " + _("(follow-up planned for %(date)s)") % {
            "date": date_format(entry.follow_up_due, "SHORT_DATE_FORMAT")
        }
    return ""


def monthly_blocks(
    workspace: Workspace, month: datetime.date, student: Student | None = None
) -> dict[str, str]:
    """The monthly update's four blocks, from the log, in the active language; about one
    `student`, only what is about them or about no child in particular (never a
    sibling's entries, concerns or dates).

    Each entry is said once, in the one block that fits it best, by this precedence:

    1. **concerns**: first the concerns being worked on together (the open ones, and
       those resolved this month), each with where it stands ("exploring options", "plan
       agreed" and the plan); then any entry tagged concern, whatever else it is tagged,
       that is not linked to one of those (it is what most needs the reader's attention,
       and its line says where its follow-up stands);
    2. **open questions**: an entry tagged question whose follow-up is not done, unless
       it is a concern;
    3. **victories**: an entry tagged victory that is neither of the above (a victory
       that also asks an open question is listed with the question, its words intact).

    A block left empty only because its entries are listed in another says so, rather
    than that there were none.

    An entry listed in one of these blocks carries its follow-up on its own line
    ("follow-up planned for 30 Oct", "followed up 21 Oct"), so **coming up** does not
    repeat it: coming up holds the IEP dates of the next 60 days and the open follow-ups
    due then that are not listed above (an earlier month's, or a check-in's). The date
    stays with the words it belongs to, and the reader meets each thing once.
    """
    start, end = month_bounds(month)
    about = Q() if student is None else Q(student=student) | Q(student__isnull=True)
    in_month = _by_purpose(
        Interaction.objects.current()
        .filter(about, workspace=workspace, occurred_at__gte=start, occurred_at__lt=end)
        .order_by("occurred_at", "pk")
    )
    # Concerns worked as joint problems, with where each stands: the open ones, and those
    # resolved this month. Their linked entries are said with them, so not again below.
    worked = list(
        Concern.objects.filter(about, workspace=workspace)
        .filter(OPEN_CONCERN | Q(resolved_at__gte=start, resolved_at__lt=end))
        .order_by("-updated_at", "-pk")[: BLOCK_LINES + 1]
    )
    concern_entries = in_month.filter(_CONCERN).exclude(concerns__in=worked)
    question_entries = in_month.filter(_OPEN_QUESTION & ~_CONCERN)
    victory_entries = in_month.filter(_VICTORY & ~_CONCERN & ~_OPEN_QUESTION)

    def lines(entries: InteractionQuerySet) -> list[str]:
        return [_entry_line(e) + _follow_up_note(e) for e in entries[:BLOCK_LINES]]

    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=COMING_DAYS)
    dates: list[tuple[datetime.date, str]] = []
    students = Student.objects.filter(workspace=workspace)
    if student is not None:
        students = students.filter(pk=student.pk)
    for date in students.iep_dates_between(today, horizon):
        dates.append((date.day, f"{date.student.name}: {date.label}"))
    listed_above = Q(occurred_at__gte=start, occurred_at__lt=end) & _LISTED
    for entry in (
        _by_purpose(Interaction.objects.filter(about, workspace=workspace))
        .follow_up_open()
        .filter(follow_up_due__gte=today, follow_up_due__lte=horizon)
        .exclude(listed_above)
        .order_by("follow_up_due", "pk")[:BLOCK_LINES]
    ):
        summary = Truncator(" ".join(entry.summary.split())).chars(80)
        if entry.follow_up_due is not None:  # always, as filtered: for the type checker
            dates.append((entry.follow_up_due, _("follow-up: %(summary)s") % {"summary": summary}))
    coming = [
        f"- {date_format(day, 'SHORT_DATE_FORMAT')}: {what}"
        for day, what in sorted(dates, key=lambda d: d[0])
    ]

    # A block left empty because its entries are listed in another says so, rather
    # than that there were none.
    no_victories = _("no victories logged this month yet")
    victory_count = victory_entries.count()
    if not victory_count and in_month.filter(_VICTORY).exists():
        no_victories = _("this month's victories are listed with the concerns or questions")
    no_questions = _("no open questions")
    question_count = question_entries.count()
    if not question_count and in_month.filter(_OPEN_QUESTION).exists():
        no_questions = _("the open questions are listed with the concerns")
    return {
        "victories": _block(lines(victory_entries), victory_count, no_victories),
        "concerns": _block(
            [_concern_line(c) for c in worked] + lines(concern_entries),
            len(worked) + concern_entries.count(),
            _("no concerns logged this month"),
        ),
        "coming_dates": _block(coming, len(coming), _("nothing in the next 60 days")),
        "open_questions": _block(lines(question_entries), question_count, no_questions),
    }


def draft_values(
    *,
    workspace: Workspace,
    user: User,
    recipients: list[TeamMember],
    student: Student | None,
    language: str,
    month: datetime.date | None = None,
    meeting: Meeting | None = None,
) -> dict[str, str]:
    """Every placeholder's value for one draft, in `language`; a meeting's follow-up
    takes its decisions and action items from `meeting`."""
    with translation.override(language):
        values = {
            "recipients": joined([m.name for m in recipients]),
            "student": student.name if student else _("our child"),
            "school": student.school if student and student.school else _("school"),
            "my_name": user.display_name or user.get_short_name(),
            "month": date_format(month or timezone.localdate(), "YEAR_MONTH_FORMAT"),
        }
        if month is not None:
            values.update(monthly_blocks(workspace, month, student))
        else:
            values.update(
                {k: "" for k in ("victories", "concerns", "coming_dates", "open_questions")}
            )
    values.update(follow_up.summary_values(meeting, language=language))
    return values


# --- A draft that follows the people it is to ------------------------------------------


@dataclass(frozen=True)
class Written:
    """A draft as Allies last wrote it.

    The compose page carries these in hidden fields, so that a later request can tell
    which parts the user has changed since: Allies rewrites only a part that still reads
    exactly as it wrote it, and never anything typed.
    """

    subject: str
    body: str
    greeting: str  # the body's greeting line ("Hi Ms. Lee,"); "" when it has none
    language: str  # the language the body is written in
    first: str  # the id of the first recipient when the language was chosen; "" for none
    kind: str = ""  # the kind of message it is written as; "" if not known


def greeting_line(body_template: str, values: Mapping[str, str]) -> str:
    """The greeting line of a draft: the template's first line with `{recipients}`,
    filled ("Hi Ms. Lee and Mr. Park,", "Hola, Ms. Lee y Mr. Park:"); "" if it has none."""
    for line in body_template.replace("\r\n", "\n").split("\n"):
        if "{recipients}" in line:
            filled = fill(line, values).rstrip()
            return "" if "\n" in filled or not filled.strip() else filled
    return ""


def write_draft(
    *,
    workspace: Workspace,
    user: User,
    kind: str,
    recipients: list[TeamMember],
    student: Student | None,
    language: str,
    month: datetime.date | None = None,
    meeting: Meeting | None = None,
) -> Written:
    """The draft of a kind to these people, about this student, in `language`, from the
    workspace's template (or ours): what the compose page starts from."""
    subject, body, _own = template_for(workspace, kind, language)
    values = draft_values(
        workspace=workspace,
        user=user,
        recipients=recipients,
        student=student,
        language=language,
        month=month,
        meeting=meeting,
    )
    filled = fill(body, values)
    if workspace.record_line_in_messages:
        # The record as it stands while the message is written, in the message's words.
        with translation.override(language):
            filled = f"{filled.rstrip()}\n\n{fingerprint(workspace)}"
    return Written(
        subject=fill(subject, values),
        body=filled,
        greeting=greeting_line(body, values),
        language=language,
        first=str(recipients[0].pk) if recipients else "",
        kind=kind,
    )


class Writer(Protocol):
    """Writes the draft for the people in a language (`write_draft`), as the kind the
    form asks for, or as `as_kind`."""

    def __call__(self, language: str, as_kind: str = "") -> Written: ...


@dataclass(frozen=True)
class Sheet:
    """What the compose page sent: the draft as it reads now, the language chosen for
    it, and the draft as Allies last wrote it."""

    subject: str
    body: str
    language: str
    written: Written


@dataclass(frozen=True)
class Followed:
    """The draft after following the people, and what to tell the user about it."""

    subject: str
    body: str
    language: str
    written: Written
    # The body has the user's changes, so it was not rewritten: `kept`. `offer` is the
    # language to offer starting again in, when it differs from the body's ("" if not);
    # `offer_kind` the kind the form asks for, when the kept body is another kind's.
    kept: bool
    offer: str
    offer_kind: str = ""


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def same_text(typed: str, written: str) -> bool:
    """Whether a field still reads as Allies wrote it (line endings and the blank space
    around it aside, which browsers and forms change on their own)."""
    return bool(written.strip()) and _lines(typed).strip() == _lines(written).strip()


def replace_line(text: str, old: str, new: str) -> str | None:
    """`text` with its first line that reads `old` replaced by `new`; None if no line
    reads `old` any more (the user has changed it)."""
    if not old.strip():
        return None
    lines = _lines(text).split("\n")
    for number, line in enumerate(lines):
        if line.rstrip() == old.rstrip():
            lines[number] = new
            return "\n".join(lines)
    return None


def follow(
    *,
    sheet: Sheet,
    recipients: list[TeamMember],
    write: Writer,
    kind: str = "",
    replace: bool = False,
    switch_to: str = "",
) -> Followed:
    """The draft after the people ticked (in the order they were ticked), the kind or
    the language changed: only what still reads as Allies wrote it is rewritten.

    * The language: `switch_to` if given; else the first recipient's, when the first
      recipient is someone else than the one the language was chosen for and the user
      has not chosen another language in the form meanwhile; else the one chosen.
    * A body that reads as written (or `replace`, when the user asked to start again)
      is written afresh for the people, in that language; the subject too, if it reads
      as written (or `replace`).
    * A body with the user's changes is kept, in its language: only its greeting line,
      if it still reads as written, is rewritten for the people, and the subject if it
      reads as written. If the language should change, it is offered, never done.
    * If the kind changed too, such a body stays the kind it was written as, and so
      do its subject and greeting (still following the people): the subject never
      speaks of another message than the body. The new kind's template is offered
      (`offer_kind`), and `replace` takes it.

    `kind` is the kind the form asks for ("" if not known). `write(language)` writes
    the draft for the people in a language as that kind, `write(language, kind)` as
    another (`write_draft`).
    """
    was = sheet.written
    first = recipients[0] if recipients else None
    wanted = sheet.language
    if switch_to in LANGUAGES:
        wanted = switch_to
    elif (
        first is not None
        and was.language
        and sheet.language == was.language
        and str(first.pk) != was.first
        and first.language in LANGUAGES
    ):
        wanted = first.language
    subject_as_written = same_text(sheet.subject, was.subject)

    if replace or same_text(sheet.body, was.body):
        fresh = write(wanted)
        subject = fresh.subject if replace or subject_as_written else sheet.subject
        return Followed(subject, fresh.body, wanted, fresh, kept=False, offer="")

    body_language = was.language if was.language in LANGUAGES else sheet.language
    # Another kind chosen: the body's own kind writes its subject and greeting.
    offer_kind = kind if kind and was.kind and kind != was.kind else ""
    fresh = write(body_language, was.kind) if offer_kind else write(body_language)
    body, written_body, greeting = sheet.body, was.body, was.greeting
    replaced = replace_line(sheet.body, was.greeting, fresh.greeting) if fresh.greeting else None
    if replaced is not None:
        body, greeting = replaced, fresh.greeting
        written_body = replace_line(was.body, was.greeting, fresh.greeting) or was.body
    return Followed(
        subject=fresh.subject if subject_as_written else sheet.subject,
        body=body,
        language=sheet.language,
        written=Written(
            subject=fresh.subject if subject_as_written else was.subject,
            body=written_body,
            greeting=greeting,
            language=was.language,
            first=was.first,
            kind=was.kind,
        ),
        kept=True,
        offer=wanted if wanted != body_language else "",
        offer_kind=offer_kind,
    )


def mailto(addresses: Iterable[str], subject: str, body: str) -> str:
    """A mailto: URL (RFC 6068): every character percent-encoded but the unreserved ones,
    line breaks as CRLF, so any mail app gets exactly the draft."""
    to = ",".join(quote(a, safe="@") for a in addresses if a)
    crlf = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"


def email_message(
    *, user: User, addresses: list[str], subject: str, body: str, draft: bool = False
) -> EmailMessage:
    message = EmailMessage(
        subject=" ".join(subject.split()),  # one line: no header injection
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[a for a in addresses if a],
        reply_to=[user.email],
    )
    if draft:
        message.extra_headers["X-Unsent"] = "1"  # opens as a draft in Outlook and others
    return message


def eml_bytes(*, user: User, addresses: list[str], subject: str, body: str) -> bytes:
    """The draft as an .eml file the user's mail app opens, ready to send."""
    message = email_message(user=user, addresses=addresses, subject=subject, body=body, draft=True)
    message.from_email = user.email
    return bytes(message.message().as_bytes())


def smtp_configured() -> bool:
    return bool(getattr(settings, "EMAIL_HOST", ""))


def purposes_for(kind_purposes: Iterable[str]) -> int:
    names = {p.name.lower(): p for p in Purpose}
    return Purpose.to_bits([int(names[n]) for n in kind_purposes if n in names])


def month_from(text: str | None, today: datetime.date) -> datetime.date:
    """`2026-11` → 1 November 2026; anything else → this month."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", (text or "").strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if year >= 2000 and 1 <= month <= 12 and (year, month) <= (today.year, today.month):
            return datetime.date(year, month, 1)
    return month_start(today)


def monthly_update_due(workspace: Workspace, today: datetime.date) -> datetime.date | None:
    """The month home offers an update for (see `update_month_offer`), if the log has
    something in it: a workspace with nothing logged that month is offered nothing."""
    month = update_month_offer(today)
    if month is None:
        return None
    start, end = month_bounds(month)
    return month if _ANY_LOGGED.dicts(workspace=workspace.pk, start=start, end=end) else None


# Home asks this on every load in the weeks it offers the update: compiled once.
_ANY_LOGGED = CompiledRead(
    # What `.exists()` sends.
    lambda workspace, start, end: (
        Interaction.objects.current()
        .filter(workspace=workspace, occurred_at__gte=start, occurred_at__lt=end)
        .order_by()
        .values(a=Value(1))[:1]
    ),
    workspace=Slot.ID,
    start=Slot.DATETIME,
    end=Slot.DATETIME,
)


def update_month_offer(today: datetime.date) -> datetime.date | None:
    """Which month's update home offers: this one in its last week, last month in the
    first week of the next, otherwise none."""
    if (next_month(today) - today).days <= 7:
        return month_start(today)
    if today.day <= 7:
        return previous_month(today)
    return None
