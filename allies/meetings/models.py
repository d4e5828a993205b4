"""Working together: shared insights, concerns worked as joint problems, meetings with
their checklist, agenda, decisions and action items, and attendees' confirmations."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from allies.core.choices import label_of
from allies.log.models import Interaction
from allies.questions.models import CustomQuestion
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

TEXT_MAX = 4_000
NOTES_MAX = 20_000
LINE_MAX = 500


def _text(
    label: StrOrPromise, *, blank: bool = True, limit: int = TEXT_MAX
) -> models.TextField[str, str]:
    """A free-text field whose limit the database, the form and `full_clean` all know."""
    return models.TextField(
        label, blank=blank, max_length=limit, validators=[MaxLengthValidator(limit)]
    )


class Side(models.TextChoices):
    """Which side of the table something came from."""

    HOME = "home", pgettext_lazy("side of the table", "Home")
    SCHOOL = "school", pgettext_lazy("side of the table", "School")


# ---------------------------------------------------------------------------- insights


class Insight(models.Model):
    """Expertise shared, both ways: what someone saw of the child and what works.

    `shared_by` is the team member who shared it; empty, it came from the family
    (`shared_by_name` may say who: "Dad", "Grandma").
    """

    class Source(models.TextChoices):
        HOME = "home", pgettext_lazy("where it was seen", "Home")
        CLASSROOM = "classroom", _("Classroom")
        THERAPY = "therapy", _("Therapy")
        OTHER = "other", _("Other")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(
        Student,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="insights",
        verbose_name=_("student"),
    )
    source = models.CharField(
        _("where it was seen"), max_length=12, choices=Source.choices, default=Source.HOME
    )
    observed = _text(_("what was observed"), blank=False)
    what_works = _text(_("what works"))
    shared_by = models.ForeignKey(
        TeamMember,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="insights",
        verbose_name=_("shared by"),
    )
    shared_by_name = models.CharField(
        _("who in the family"),
        max_length=120,
        blank=True,
        help_text=_("For example: Dad, Grandma. Leave empty for yourself."),
    )
    observed_on = models.DateField(_("date"), default=timezone.localdate)
    acknowledged_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The thank-you that acknowledged it, when it was logged.
    acknowledged_entry = models.ForeignKey(
        Interaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-observed_on", "-pk"]
        verbose_name = _("insight")
        verbose_name_plural = _("insights")
        indexes = [
            models.Index(fields=["workspace", "-observed_on", "-id"], name="insight_ws_recent"),
            # The weekly focus asks for a team member's insight not yet thanked.
            models.Index(
                fields=["workspace", "observed_on"],
                name="insight_ws_unthanked",
                condition=models.Q(shared_by__isnull=False, acknowledged_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.observed[:60]

    @property
    def from_team(self) -> bool:
        return self.shared_by_id is not None

    @property
    def needs_thanks(self) -> bool:
        return self.shared_by_id is not None and self.acknowledged_at is None

    @property
    def source_label(self) -> str:
        return str(label_of(self.Source, self.source))


# ---------------------------------------------------------------------------- concerns


class Concern(models.Model):
    """A concern worked as a joint problem: the interest behind it, not a demand."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("concern", "Open")
        EXPLORING = "exploring", _("Exploring options")
        PLAN_AGREED = "plan_agreed", _("Plan agreed")
        RESOLVED = "resolved", _("Resolved")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(
        Student,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("student"),
    )
    title = models.CharField(_("in a few words"), max_length=200)
    interest = _text(_("what we want for the child"))
    observed = _text(_("what we see"))
    impact = _text(_("its impact"))
    tried = _text(_("what has been tried"))
    invited = models.ManyToManyField(
        TeamMember,
        blank=True,
        related_name="concerns_invited",
        verbose_name=_("invited to solve it"),
    )
    plan = _text(_("the agreed plan"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    entries = models.ManyToManyField(
        Interaction, blank=True, related_name="concerns", verbose_name=_("log entries")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    resolved_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        indexes = [models.Index(fields=["workspace", "status"], name="concern_ws_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.RESOLVED

    @property
    def status_label(self) -> str:
        return str(label_of(self.Status, self.status))


OPEN_CONCERN = ~models.Q(status=Concern.Status.RESOLVED)


class ConcernOption(models.Model):
    """One way forward put on the table, and who suggested it."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=LINE_MAX)
    suggested_by = models.CharField(
        _("suggested by"), max_length=8, choices=Side.choices, default=Side.HOME
    )
    member = models.ForeignKey(
        TeamMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who at school"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def suggested_by_label(self) -> str:
        if self.suggested_by == Side.SCHOOL and self.member is not None:
            return self.member.name
        return str(label_of(Side, self.suggested_by))


class ConcernEvent(models.Model):
    """One line of a concern's history. Rows are only ever added.

    `data` keeps codes and values, not sentences, so the history reads in the reader's
    language (`meetings.history`).
    """

    class Kind(models.TextChoices):
        RAISED = "raised", _("Raised")
        EDITED = "edited", _("Edited")
        STATUS = "status", _("Status changed")
        OPTION = "option", _("Option added")
        ENTRY = "entry", _("Log entry linked")
        ACTION = "action", _("Action item added")
        MEETING = "meeting", _("Meeting planned")

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    data = models.JSONField(default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.concern_id} {self.kind}"


# ---------------------------------------------------------------------------- meetings


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual IEP meeting")
        AMENDMENT = "amendment", _("IEP amendment")
        ELIGIBILITY = "eligibility", _("Eligibility meeting")
        REEVALUATION = "reevaluation", _("Re-evaluation")
        PROGRESS = "progress", _("Progress check")
        INFORMAL = "informal", _("Informal meeting")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(
        Student,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("student"),
    )
    kind = models.CharField(_("type"), max_length=14, choices=Kind.choices, default=Kind.ANNUAL)
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True, max_length=500)
    attendees: models.ManyToManyField[TeamMember, MeetingAttendee] = models.ManyToManyField(
        TeamMember, through="MeetingAttendee", related_name="meetings", verbose_name=_("attendees")
    )
    notes = _text(_("notes"), limit=NOTES_MAX)
    # Bumped by every save of the notes, so a save from a stale page is told, not applied.
    notes_version = models.PositiveIntegerField(default=0, editable=False)
    # The entry that records the meeting in the log, once it is logged.
    logged_entry = models.ForeignKey(
        Interaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    follow_up_drafted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["workspace", "starts_at"], name="meeting_ws_starts")]

    def __str__(self) -> str:
        return f"{self.kind_label} {self.starts_at:%Y-%m-%d}"

    @property
    def kind_label(self) -> str:
        return str(label_of(self.Kind, self.kind))

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_past(self) -> bool:
        """Held already (or a record of one that happened before it was entered)."""
        return self.starts_at <= timezone.now()

    @property
    def local_day(self) -> datetime.date:
        """The day it starts, in the active time zone."""
        return timezone.localdate(self.starts_at)


class MeetingAttendee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE)
    member = models.ForeignKey(TeamMember, on_delete=models.RESTRICT)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance")]

    def __str__(self) -> str:
        return f"{self.member_id} at {self.meeting_id}"


class Phase(models.IntegerChoices):
    BEFORE = 1, _("Before")
    DURING = 2, _("During")
    AFTER = 3, _("After")


class ChecklistItem(models.Model):
    """One step of a meeting's collaborative checklist. Copied from the shipped list
    (`key` names it) when the meeting is planned, then the meeting's own."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checklist")
    phase = models.PositiveSmallIntegerField(choices=Phase.choices)
    position = models.PositiveSmallIntegerField(default=0)
    key = models.CharField(max_length=40, blank=True)
    text = models.CharField(_("step"), max_length=LINE_MAX)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["phase", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def done(self) -> bool:
        return self.done_at is not None


class AgendaItem(models.Model):
    """One point of a meeting's agenda: an open concern, an insight, a question picked
    for the student (from the bank, `question_key`, or the workspace's own, `question`),
    or a point of one's own. `text` is what the agenda says; a bank question is shown in
    each reader's language, and one of our own keeps its words when it is deleted."""

    class Kind(models.TextChoices):
        CONCERN = "concern", _("Concern")
        INSIGHT = "insight", _("Insight")
        QUESTION = "question", _("Question")
        OTHER = "other", _("Point")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OTHER)
    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    insight = models.ForeignKey(
        Insight, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    question_key = models.CharField(max_length=40, blank=True)
    question = models.ForeignKey(
        CustomQuestion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.CharField(_("agenda point"), max_length=LINE_MAX)
    covered = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(_("decision"), max_length=LINE_MAX * 2)
    position = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


# ---------------------------------------------------------------------------- action items


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def open(self) -> ActionItemQuerySet:
        return self.filter(status=ActionItem.Status.OPEN)

    def overdue(self, today: datetime.date) -> ActionItemQuerySet:
        return self.open().filter(due__lt=today)

    def follow_through(self, today: datetime.date) -> FollowThrough:
        """How these action items went, counted in one query (see `follow_through_counts`)."""
        return FollowThrough(**self.aggregate(**follow_through_counts(today)))


def follow_through_counts(today: datetime.date) -> dict[str, models.Count]:
    """The aggregates of `FollowThrough`: done by their date (or with none), done after
    it, open past it, open and not yet due. Dropped ones count in none (dropping with a
    reason is a decision, not a miss). For `aggregate()`, or per owner after `values()`."""
    done = models.Q(status=ActionItem.Status.DONE)
    is_open = models.Q(status=ActionItem.Status.OPEN)
    return {
        "on_time": models.Count(
            "pk",
            filter=done & (models.Q(due__isnull=True) | models.Q(done_on__lte=models.F("due"))),
        ),
        "late": models.Count("pk", filter=done & models.Q(done_on__gt=models.F("due"))),
        "overdue": models.Count("pk", filter=is_open & models.Q(due__lt=today)),
        "open": models.Count(
            "pk", filter=is_open & (models.Q(due__isnull=True) | models.Q(due__gte=today))
        ),
    }


@dataclass(frozen=True)
class FollowThrough:
    on_time: int
    late: int
    overdue: int
    open: int

    @property
    def any(self) -> bool:
        return bool(self.on_time or self.late or self.overdue or self.open)


class ActionItem(models.Model):
    """Who does what by when. The owner is a team member or the family."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("action item", "Open")
        DONE = "done", pgettext_lazy("action item", "Done")
        DROPPED = "dropped", pgettext_lazy("action item", "Dropped")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(
        Student,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("student"),
    )
    text = models.CharField(_("what"), max_length=LINE_MAX)
    owner = models.ForeignKey(
        TeamMember,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("who"),
    )
    owner_is_family = models.BooleanField(default=False)
    due = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    done_on = models.DateField(null=True, blank=True)
    dropped_reason = models.CharField(_("why it was dropped"), max_length=LINE_MAX, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    concern = models.ForeignKey(
        Concern, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = [models.F("due").asc(nulls_last=True), "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            # Exactly one owner: a team member, or the family.
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False, owner_is_family=False)
                | models.Q(owner__isnull=True, owner_is_family=True),
                name="action_item_one_owner",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="dropped") | ~models.Q(dropped_reason=""),
                name="action_item_dropped_has_reason",
            ),
        ]
        indexes = [
            models.Index(
                fields=["workspace", "due"],
                name="action_item_ws_open_due",
                condition=models.Q(status="open"),
            ),
            models.Index(fields=["owner", "status", "due"], name="action_item_owner"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def status_label(self) -> str:
        return str(label_of(self.Status, self.status))

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == self.Status.OPEN and self.due is not None and self.due < today


# ---------------------------------------------------------------------------- confirmations


class ConfirmationRequest(models.Model):
    """A personal link sent to one attendee to confirm a meeting's summary.

    The link carries `nonce`, signed; it works once, until `expires_at`, and only for this
    meeting and this person.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="confirmation_requests"
    )
    member = models.ForeignKey(TeamMember, on_delete=models.RESTRICT, related_name="+")
    nonce = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.member_id} for {self.meeting_id}"


class Confirmation(models.Model):
    """An attendee's "yes, that is what we agreed", or their correction. Rows are only
    ever added, each sealed like a log revision: `hash` covers this row, the summary
    it answers (`summary_hash`) and the meeting's previous confirmation."""

    class Response(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        CORRECTION = "correction", _("Correction")

    class Via(models.TextChoices):
        LINK = "link", _("Their personal link")
        REPLY = "reply", _("A reply, recorded by a member of the workspace")

    # CASCADE from the workspace, RESTRICT from the meeting: a confirmed meeting stays,
    # unless the whole workspace is deleted.
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.RESTRICT, related_name="confirmations")
    member = models.ForeignKey(TeamMember, on_delete=models.RESTRICT, related_name="+")
    response = models.CharField(max_length=12, choices=Response.choices)
    text = _text(_("correction"))
    via = models.CharField(max_length=8, choices=Via.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()
    # The day a reply by email arrived, as the member recording it says; a link's
    # answer is recorded the moment it is sent, so has none.
    received_on = models.DateField(_("received on"), null=True, blank=True)
    number = models.PositiveIntegerField()
    summary_hash = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="confirmation_number")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.response}"
