"""Writing insights, concerns, meetings and action items, named `<thing>_<action>`.

Each function checks that everything it links lies in the same workspace (a form that
offers only the workspace's own choices is the first guard; this is the last) and calls
`full_clean()` before saving. A concern's history is written here, in the same
transaction as the change it records.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from allies.accounts.models import User
from allies.core.choices import Channel
from allies.log.models import SUMMARY_MAX, Direction, Interaction, Purpose, Tone
from allies.log.services import GENESIS_HASH, canonical_json, interaction_record
from allies.questions import bank
from allies.questions.models import CustomQuestion
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

from . import checklist, follow_up, signals
from .follow_up import summary_hash as summary_hash
from .follow_up import summary_snapshot as summary_snapshot
from .models import (
    ActionItem,
    AgendaItem,
    ChecklistItem,
    Concern,
    ConcernEvent,
    ConcernOption,
    Confirmation,
    ConfirmationRequest,
    Decision,
    Insight,
    Meeting,
    MeetingAttendee,
    Phase,
    Side,
)

CONFIRMATION_DAYS = 14
_LINK_SALT = "allies.meetings.confirmation"


class NotesConflict(Exception):
    """The notes were saved from another page since this one loaded them."""


def _same_workspace(workspace_id: int, *things: Any) -> None:
    for thing in things:
        if thing is not None and thing.workspace_id != workspace_id:
            raise ValueError(f"{type(thing).__name__} {thing.pk} is in another workspace")


def _members(workspace_id: int, members: Iterable[TeamMember]) -> list[TeamMember]:
    found = list(dict.fromkeys(members))  # once each, in the order given
    _same_workspace(workspace_id, *found)
    return found


# ---------------------------------------------------------------------------- insights


def insight_record(
    *,
    workspace: Workspace,
    author: User,
    observed: str,
    source: str = Insight.Source.HOME,
    what_works: str = "",
    student: Student | None = None,
    shared_by: TeamMember | None = None,
    shared_by_name: str = "",
    observed_on: datetime.date | None = None,
) -> Insight:
    _same_workspace(workspace.pk, student, shared_by)
    insight = Insight(
        workspace=workspace,
        student=student,
        source=source,
        observed=observed,
        what_works=what_works,
        shared_by=shared_by,
        # A name says who in the family; a team member is named by the member.
        shared_by_name="" if shared_by else shared_by_name.strip(),
        observed_on=observed_on or timezone.localdate(),
        created_by=author,
    )
    insight.full_clean()
    insight.save()
    return insight


INSIGHT_FIELDS = frozenset(
    {"source", "observed", "what_works", "student", "shared_by", "shared_by_name", "observed_on"}
)


def insight_edit(*, insight: Insight, **changes: Any) -> Insight:
    """Save new wording or who shared it. A thank-you already recorded stays recorded,
    even if the insight is now said to come from someone else."""
    unknown = set(changes) - INSIGHT_FIELDS
    if unknown:
        raise TypeError(f"not editable here: {', '.join(sorted(unknown))}")
    _same_workspace(insight.workspace_id, changes.get("student"), changes.get("shared_by"))
    for field, value in changes.items():
        setattr(insight, field, value)
    if insight.shared_by is not None:
        insight.shared_by_name = ""
    else:
        insight.shared_by_name = insight.shared_by_name.strip()
    insight.full_clean()
    insight.save()
    return insight


def insight_acknowledge(*, insight: Insight, entry: Interaction | None = None) -> Insight:
    """Mark a team member's insight thanked; `entry` is the logged thank-you, if any."""
    if entry is not None:
        _same_workspace(insight.workspace_id, entry)
    if insight.acknowledged_at is None:
        insight.acknowledged_at = timezone.now()
    if entry is not None:
        insight.acknowledged_entry = entry
    insight.save(update_fields=["acknowledged_at", "acknowledged_entry"])
    signals.insight_acknowledged.send(sender=Insight, insight=insight)
    return insight


# ---------------------------------------------------------------------------- concerns

CONCERN_TEXT_FIELDS = ("title", "interest", "observed", "impact", "tried", "plan")


def _event(concern: Concern, *, kind: str, author: User | None, **data: Any) -> ConcernEvent:
    return ConcernEvent.objects.create(
        concern=concern,
        kind=kind,
        data=data,
        author=author,
        author_label=str(author) if author is not None else "",
    )


@transaction.atomic
def concern_raise(
    *,
    workspace: Workspace,
    author: User,
    title: str,
    student: Student | None = None,
    interest: str = "",
    observed: str = "",
    impact: str = "",
    tried: str = "",
    invited: Iterable[TeamMember] = (),
) -> Concern:
    _same_workspace(workspace.pk, student)
    people = _members(workspace.pk, invited)
    concern = Concern(
        workspace=workspace,
        student=student,
        title=title.strip(),
        interest=interest,
        observed=observed,
        impact=impact,
        tried=tried,
        created_by=author,
    )
    concern.full_clean()
    concern.save()
    concern.invited.set(people)
    _event(concern, kind=ConcernEvent.Kind.RAISED, author=author)
    return concern


@transaction.atomic
def concern_edit(
    *,
    concern: Concern,
    author: User,
    invited: Iterable[TeamMember] | None = None,
    student: Student | None | str = "unchanged",
    **changes: str,
) -> Concern:
    """Save new wording; the history names the fields that changed (not their text, which
    the concern itself shows)."""
    unknown = set(changes) - set(CONCERN_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"not editable here: {', '.join(sorted(unknown))}")
    changed = [field for field, value in changes.items() if getattr(concern, field) != value]
    for field in changed:
        setattr(concern, field, changes[field])
    if not isinstance(student, str) and student != concern.student:
        _same_workspace(concern.workspace_id, student)
        concern.student = student
        changed.append("student")
    if invited is not None:
        people = _members(concern.workspace_id, invited)
        if {m.pk for m in people} != set(concern.invited.values_list("pk", flat=True)):
            concern.invited.set(people)
            changed.append("invited")
    if changed:
        concern.full_clean()
        concern.save()
        _event(concern, kind=ConcernEvent.Kind.EDITED, author=author, fields=changed)
    return concern


@transaction.atomic
def concern_set_status(
    *, concern: Concern, author: User, status: str, plan: str | None = None
) -> Concern:
    """Move a concern along (open → exploring → plan agreed → resolved), or back."""
    if status not in Concern.Status.values:
        raise ValueError(f"unknown status {status!r}")
    if plan is not None and plan != concern.plan:
        concern.plan = plan
        _event(concern, kind=ConcernEvent.Kind.EDITED, author=author, fields=["plan"])
    before = concern.status
    concern.status = status
    if status == Concern.Status.RESOLVED and before != status:
        concern.resolved_at = timezone.now()
    elif status != Concern.Status.RESOLVED:
        concern.resolved_at = None
    concern.full_clean()
    concern.save()
    if before != status:
        _event(concern, kind=ConcernEvent.Kind.STATUS, author=author, before=before, after=status)
    return concern


@transaction.atomic
def concern_option_add(
    *,
    concern: Concern,
    author: User,
    text: str,
    suggested_by: str = Side.HOME,
    member: TeamMember | None = None,
) -> ConcernOption:
    _same_workspace(concern.workspace_id, member)
    option = ConcernOption(
        concern=concern,
        text=text.strip(),
        suggested_by=suggested_by,
        member=member if suggested_by == Side.SCHOOL else None,
        created_by=author,
    )
    option.full_clean()
    option.save()
    if concern.status == Concern.Status.OPEN:
        concern_set_status(concern=concern, author=author, status=Concern.Status.EXPLORING)
    _event(concern, kind=ConcernEvent.Kind.OPTION, author=author, option=option.pk)
    Concern.objects.filter(pk=concern.pk).update(updated_at=timezone.now())
    return option


@transaction.atomic
def concern_link_entry(*, concern: Concern, author: User, entry: Interaction) -> bool:
    """Link a log entry to the concern; False if it was linked already."""
    _same_workspace(concern.workspace_id, entry)
    if concern.entries.filter(pk=entry.pk).exists():
        return False
    concern.entries.add(entry)
    _event(concern, kind=ConcernEvent.Kind.ENTRY, author=author, entry=entry.pk)
    Concern.objects.filter(pk=concern.pk).update(updated_at=timezone.now())
    return True


@transaction.atomic
def concern_unlink_entry(*, concern: Concern, author: User, entry: Interaction) -> bool:
    """Take a log entry off the concern; False if it was not linked. The entry itself and
    the line that linked it stay: the history says it was taken off."""
    if not concern.entries.filter(pk=entry.pk).exists():
        return False
    concern.entries.remove(entry)
    _event(concern, kind=ConcernEvent.Kind.ENTRY, author=author, entry=entry.pk, unlinked=True)
    Concern.objects.filter(pk=concern.pk).update(updated_at=timezone.now())
    return True


# ---------------------------------------------------------------------------- action items


@transaction.atomic
def action_item_add(
    *,
    workspace: Workspace,
    author: User,
    text: str,
    owner: TeamMember | None = None,
    due: datetime.date | None = None,
    student: Student | None = None,
    meeting: Meeting | None = None,
    concern: Concern | None = None,
) -> ActionItem:
    """Add an action item. No team member as owner means the family owns it."""
    _same_workspace(workspace.pk, owner, student, meeting, concern)
    if student is None:
        student = (meeting.student if meeting else None) or (concern.student if concern else None)
    item = ActionItem(
        workspace=workspace,
        text=text.strip(),
        owner=owner,
        owner_is_family=owner is None,
        due=due,
        student=student,
        meeting=meeting,
        concern=concern,
        created_by=author,
    )
    item.full_clean()
    item.save()
    if concern is not None:
        _event(concern, kind=ConcernEvent.Kind.ACTION, author=author, action=item.pk)
    return item


def action_item_set_status(
    *, item: ActionItem, status: str, reason: str = "", on: datetime.date | None = None
) -> ActionItem:
    """Done (on a day, today by default), dropped (with a reason), or open again."""
    if status == ActionItem.Status.DROPPED and not reason.strip():
        raise ValueError("a reason is required to drop an action item")
    item.status = status
    item.done_on = (on or timezone.localdate()) if status == ActionItem.Status.DONE else None
    item.dropped_reason = reason.strip() if status == ActionItem.Status.DROPPED else ""
    item.full_clean()
    item.save()
    if status != ActionItem.Status.OPEN:
        signals.action_item_closed.send(sender=ActionItem, item=item)
    return item


# ---------------------------------------------------------------------------- meetings


def _set_attendees(meeting: Meeting, members: Sequence[TeamMember]) -> None:
    MeetingAttendee.objects.filter(meeting=meeting).exclude(
        member__in=[m.pk for m in members]
    ).delete()
    kept = dict(MeetingAttendee.objects.filter(meeting=meeting).values_list("member_id", "pk"))
    for position, member in enumerate(members):
        if member.pk in kept:
            MeetingAttendee.objects.filter(pk=kept[member.pk]).update(position=position)
        else:
            MeetingAttendee.objects.create(meeting=meeting, member=member, position=position)


@transaction.atomic
def meeting_plan(
    *,
    workspace: Workspace,
    author: User,
    starts_at: datetime.datetime,
    kind: str = Meeting.Kind.ANNUAL,
    student: Student | None = None,
    duration_minutes: int = 60,
    place: str = "",
    video_url: str = "",
    attendees: Iterable[TeamMember] = (),
    concern: Concern | None = None,
    language: str | None = None,
) -> Meeting:
    """Plan a meeting (or record one already held): its checklist is copied from ours in
    `language`, and a concern it is planned from opens its agenda."""
    _same_workspace(workspace.pk, student, concern)
    people = _members(workspace.pk, attendees)
    meeting = Meeting(
        workspace=workspace,
        student=student or (concern.student if concern else None),
        kind=kind,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place.strip(),
        video_url=video_url.strip(),
        created_by=author,
    )
    meeting.full_clean()
    meeting.save()
    _set_attendees(meeting, people)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(meeting=meeting, phase=step.phase, position=n, key=step.key, text=text)
        for n, (step, text) in enumerate(checklist.steps_in(language))
    )
    if concern is not None:
        agenda_item_add(meeting=meeting, kind=AgendaItem.Kind.CONCERN, concern=concern)
        _event(concern, kind=ConcernEvent.Kind.MEETING, author=author, meeting=meeting.pk)
    return meeting


MEETING_FIELDS = frozenset(
    {"kind", "student", "starts_at", "duration_minutes", "place", "video_url"}
)


@transaction.atomic
def meeting_edit(
    *,
    meeting: Meeting,
    attendees: Iterable[TeamMember] | None = None,
    **changes: Any,
) -> Meeting:
    unknown = set(changes) - MEETING_FIELDS
    if unknown:
        raise TypeError(f"not editable here: {', '.join(sorted(unknown))}")
    _same_workspace(meeting.workspace_id, changes.get("student"))
    for field, value in changes.items():
        setattr(meeting, field, value)
    meeting.full_clean()
    meeting.save()
    if attendees is not None:
        _set_attendees(meeting, _members(meeting.workspace_id, attendees))
    return meeting


def meeting_notes_save(*, meeting: Meeting, notes: str, base_version: int) -> int:
    """Save the notes if nobody saved them since `base_version`; the new version.

    One UPDATE that checks the version, so two tabs cannot silently overwrite each other;
    after NotesConflict, `meeting` holds the notes as they were saved meanwhile.
    """
    probe = Meeting(notes=notes)
    probe.clean_fields(exclude=[f.name for f in Meeting._meta.fields if f.name != "notes"])
    updated = Meeting.objects.filter(pk=meeting.pk, notes_version=base_version).update(
        notes=notes, notes_version=base_version + 1, updated_at=timezone.now()
    )
    if not updated:
        current = Meeting.objects.filter(pk=meeting.pk).values("notes", "notes_version").get()
        meeting.notes, meeting.notes_version = current["notes"], current["notes_version"]
        # The same text is no conflict: a save whose answer was lost on the way, resent.
        if current["notes"] != notes:
            raise NotesConflict
        return meeting.notes_version
    meeting.notes, meeting.notes_version = notes, base_version + 1
    return meeting.notes_version


def checklist_item_set(*, item: ChecklistItem, author: User, done: bool) -> ChecklistItem:
    if done and item.done_at is None:
        item.done_at, item.done_by = timezone.now(), author
    elif not done:
        item.done_at, item.done_by = None, None
    item.save(update_fields=["done_at", "done_by"])
    if done:
        signals.checklist_item_ticked.send(sender=ChecklistItem, item=item, author=author)
    return item


def checklist_item_add(*, meeting: Meeting, phase: int, text: str) -> ChecklistItem:
    if phase not in Phase.values:
        raise ValueError(f"unknown phase {phase!r}")
    last = meeting.checklist.aggregate(last=Max("position"))["last"]
    item = ChecklistItem(meeting=meeting, phase=phase, position=(last or 0) + 1, text=text.strip())
    item.full_clean()
    item.save()
    return item


def checklist_item_edit(*, item: ChecklistItem, phase: int, text: str) -> ChecklistItem:
    """Reword a step of this meeting's checklist or move it to another phase."""
    if phase not in Phase.values:
        raise ValueError(f"unknown phase {phase!r}")
    item.phase, item.text = phase, text.strip()
    item.full_clean()
    item.save(update_fields=["phase", "text"])
    return item


def checklist_item_remove(*, item: ChecklistItem) -> None:
    """Take a step off this meeting's checklist (the shipped list is not changed)."""
    item.delete()


def _next_position(meeting: Meeting, model: type[AgendaItem] | type[Decision]) -> int:
    last = model.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def agenda_item_add(
    *,
    meeting: Meeting,
    kind: str = AgendaItem.Kind.OTHER,
    text: str = "",
    concern: Concern | None = None,
    insight: Insight | None = None,
    question_key: str = "",
    question: CustomQuestion | None = None,
    language: str | None = None,
) -> AgendaItem:
    """Add a point at the end of the agenda. A concern, an insight or a question gives its
    own words: a bank question (`question_key`) in `language`, one of ours as written."""
    _same_workspace(meeting.workspace_id, concern, insight, question)
    if concern is not None:
        kind, text = AgendaItem.Kind.CONCERN, text or concern.title
    elif insight is not None:
        kind, text = AgendaItem.Kind.INSIGHT, text or insight.observed[:200]
    elif question is not None:
        kind, text, question_key = AgendaItem.Kind.QUESTION, text or question.text, ""
    elif question_key:
        kind, text = AgendaItem.Kind.QUESTION, text or bank.by_key(question_key).text(language)
    item = AgendaItem(
        meeting=meeting,
        position=_next_position(meeting, AgendaItem),
        kind=kind,
        concern=concern,
        insight=insight,
        question_key=question_key,
        question=question,
        text=text.strip()[:500],
    )
    item.full_clean()
    item.save()
    return item


def agenda_item_remove(*, item: AgendaItem) -> None:
    """Take a point off the agenda; the concern, insight or question it came from stays as
    it is (a question stays on the student's list)."""
    item.delete()


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, order: Sequence[int]) -> None:
    """Put the agenda in `order` (item ids); ids not on this agenda are ignored and items
    left out keep their place after the ordered ones."""
    items = {item.pk: item for item in meeting.agenda.all()}
    ordered = [items[pk] for pk in dict.fromkeys(order) if pk in items]
    rest = [item for pk, item in items.items() if item not in ordered]
    for position, item in enumerate(ordered + rest):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def agenda_move(*, item: AgendaItem, by: int) -> None:
    """Move one point up (`by` < 0) or down, for the keyboard."""
    ids = list(item.meeting.agenda.values_list("pk", flat=True))
    at = ids.index(item.pk)
    to = max(0, min(len(ids) - 1, at + by))
    ids.insert(to, ids.pop(at))
    agenda_reorder(meeting=item.meeting, order=ids)


def decision_add(*, meeting: Meeting, author: User, text: str) -> Decision:
    decision = Decision(
        meeting=meeting,
        text=text.strip(),
        position=_next_position(meeting, Decision),
        created_by=author,
    )
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def meeting_log(*, meeting: Meeting, author: User) -> tuple[Interaction, bool]:
    """The log entry that records the meeting, with every attendee, its decisions and
    action items: made the first time (True), found after (False), so a second click,
    or two at once, makes no second entry."""
    meeting = _lock_meeting(meeting.pk)
    if meeting.logged_entry_id is not None:
        entry = Interaction.objects.filter(pk=meeting.logged_entry_id).first()
        if entry is not None:
            return entry, False
    decisions = list(meeting.decisions.all())
    actions = list(meeting.action_items.select_related("owner").order_by("pk"))
    entry = interaction_record(
        workspace=meeting.workspace,
        author=author,
        occurred_at=meeting.starts_at,
        channel=Channel.VIDEO if meeting.video_url and not meeting.place else Channel.MEETING,
        direction=Direction.BOTH,
        participants=list(meeting.attendees.order_by("meetingattendee__position", "name")),
        purposes=Purpose.MEETING,
        tone=Tone.NEUTRAL,
        summary=follow_up.log_summary(meeting, decisions, actions)[:SUMMARY_MAX],
        student=meeting.student,
    )
    meeting.logged_entry = entry
    meeting.save(update_fields=["logged_entry", "updated_at"])
    return entry, True


@transaction.atomic
def meeting_follow_up_start(*, meeting: Meeting, author: User) -> Interaction:
    """ "Draft the follow-up": the meeting goes in the log (once) and is marked followed up."""
    entry, _made = meeting_log(meeting=meeting, author=author)
    Meeting.objects.filter(pk=meeting.pk, follow_up_drafted_at__isnull=True).update(
        follow_up_drafted_at=timezone.now()
    )
    return entry


# ---------------------------------------------------------------------------- confirmations


def _confirmation_request(
    *, meeting: Meeting, member: TeamMember
) -> tuple[str, ConfirmationRequest]:
    """A new personal link for `member` (an attendee): its signed token and its request,
    which holds when it expires."""
    _same_workspace(meeting.workspace_id, member)
    if not meeting.attendees.filter(pk=member.pk).exists():
        raise ValueError("only an attendee can confirm a meeting's summary")
    nonce = get_random_string(32)
    request = ConfirmationRequest.objects.create(
        meeting=meeting,
        member=member,
        nonce=nonce,
        expires_at=timezone.now() + datetime.timedelta(days=CONFIRMATION_DAYS),
    )
    token = signing.dumps({"m": meeting.pk, "n": nonce}, salt=_LINK_SALT, compress=True)
    return token, request


def confirmation_link_token(*, meeting: Meeting, member: TeamMember) -> str:
    """A new personal link's token for `member` (an attendee): signed, single use, expiring."""
    return _confirmation_request(meeting=meeting, member=member)[0]


def confirmation_link(*, meeting: Meeting, member: TeamMember) -> tuple[str, datetime.datetime]:
    """A new personal link for `member` to confirm the meeting's summary: the full address
    (on `ALLIES_SITE_URL`) and when it expires, as stored."""
    token, request = _confirmation_request(meeting=meeting, member=member)
    path = reverse("meeting_confirm", args=[meeting.pk, token])
    return f"{settings.SITE_URL}{path}", request.expires_at


class SummaryChanged(Exception):
    """The decisions or action items changed between showing the summary and the answer."""


class LinkProblem(Exception):
    """Why a confirmation link does not open: `reason` is altered, expired, used or unknown."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def confirmation_request_for(token: str, meeting_id: int) -> ConfirmationRequest:
    """The request a link's token stands for, if it is genuine, for this meeting, unused
    and not expired; else LinkProblem."""
    try:
        data = signing.loads(token, salt=_LINK_SALT)
    except signing.BadSignature:
        raise LinkProblem("altered") from None
    if not isinstance(data, dict) or data.get("m") != meeting_id:
        raise LinkProblem("altered")
    request = (
        ConfirmationRequest.objects.select_related(
            "meeting__created_by", "meeting__student", "member"
        )
        .filter(nonce=str(data.get("n", "")), meeting_id=meeting_id)
        .first()
    )
    if request is None:
        raise LinkProblem("unknown")
    # Someone taken off the meeting or the team since has no say in its summary.
    if (
        not request.member.active
        or not MeetingAttendee.objects.filter(
            meeting_id=meeting_id, member_id=request.member_id
        ).exists()
    ):
        raise LinkProblem("unknown")
    if request.used_at is not None:
        raise LinkProblem("used")
    if request.expires_at <= timezone.now():
        raise LinkProblem("expired")
    return request


def _lock_meeting(meeting_id: int) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting_id)


@transaction.atomic
def confirmation_record(
    *,
    meeting: Meeting,
    member: TeamMember,
    response: str,
    text: str = "",
    via: str = Confirmation.Via.LINK,
    recorded_by: User | None = None,
    request: ConfirmationRequest | None = None,
    answers_summary: str | None = None,
    received_on: datetime.date | None = None,
) -> Confirmation:
    """Add an attendee's confirmation or correction to the meeting's sealed record.

    Through a link, the link is used up in the same transaction (a second submit finds
    it used); a reply received by email is recorded by a member (`recorded_by`), with
    the day it arrived (`received_on`).
    """
    meeting = _lock_meeting(meeting.pk)
    _same_workspace(meeting.workspace_id, member)
    if request is not None:
        claimed = ConfirmationRequest.objects.filter(pk=request.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if not claimed:
            raise LinkProblem("used")
    if response == Confirmation.Response.CORRECTION and not text.strip():
        raise ValueError("a correction needs its text")
    current = summary_hash(meeting)
    if answers_summary is not None and answers_summary != current:
        raise SummaryChanged
    # One answer per person and summary: their other links (another send, a reply that
    # quoted the email) would let someone else answer for them.
    ConfirmationRequest.objects.filter(meeting=meeting, member=member, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    previous = meeting.confirmations.order_by("-number").first()
    prev_hash = previous.hash if previous else GENESIS_HASH
    number = previous.number + 1 if previous else 1
    recorded_at = timezone.now()
    confirmation = Confirmation(
        workspace_id=meeting.workspace_id,
        meeting=meeting,
        member=member,
        response=response,
        text=text.strip(),
        via=via,
        recorded_by=recorded_by,
        recorded_at=recorded_at,
        received_on=received_on if via == Confirmation.Via.REPLY else None,
        number=number,
        summary_hash=current,
        prev_hash=prev_hash,
    )
    confirmation.hash = confirmation_seal(confirmation, member_name=member.name)
    confirmation.full_clean()
    confirmation.save()
    return confirmation


def confirmation_seal(confirmation: Confirmation, *, member_name: str) -> str:
    """The hash of one confirmation: its content, the summary it answers, the one before."""
    payload = {
        "meeting": confirmation.meeting_id,
        "number": confirmation.number,
        "member": {"id": confirmation.member_id, "name": member_name},
        "response": confirmation.response,
        "text": confirmation.text,
        "via": confirmation.via,
        "recorded_at": confirmation.recorded_at.astimezone(datetime.UTC).isoformat(),
        "summary_hash": confirmation.summary_hash,
    }
    # Sealed when there is one (a reply's); earlier seals, from before it was recorded,
    # are unchanged.
    if confirmation.received_on is not None:
        payload["received_on"] = confirmation.received_on.isoformat()
    return hashlib.sha256((confirmation.prev_hash + canonical_json(payload)).encode()).hexdigest()
