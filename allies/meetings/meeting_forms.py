"""The meetings app's forms, one heading per area."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from allies.core.forms import (
    DateInput,
    IdChoiceField,
    check_plausible_date,
    model_choice_field,
)
from allies.core.once import OnceForm
from allies.core.widgets import Select
from allies.log.forms import (
    DateTimeInput,
    MemberLabelMixin,
    MembersChoiceField,
    only_student,
    team_for,
)
from allies.questions.bank import QUESTIONS
from allies.questions.models import CustomQuestion
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

from .models import (
    LINE_MAX,
    NOTES_MAX,
    OPEN_CONCERN,
    TEXT_MAX,
    Concern,
    Confirmation,
    Insight,
    Meeting,
    Phase,
)
from .page import RECENT_INSIGHT_DAYS

# -- meetings

# The longest meeting the form takes: a full school day.
LONGEST_MEETING = 8 * 60


class MeetingForm(OnceForm):
    kind = forms.ChoiceField(label=_("Type"), choices=Meeting.Kind.choices, widget=Select)
    student = IdChoiceField(
        label=_("Student"), queryset=Student.objects.none(), required=False, widget=Select
    )
    starts_at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        min_value=5,
        max_value=LONGEST_MEETING,
        initial=60,
        error_messages={
            "min_value": _("A meeting lasts at least %(limit_value)s minutes."),
            "max_value": _("A meeting lasts at most %(limit_value)s minutes (a full school day)."),
            "invalid": _("Write the length in minutes, as a number: 45, 60, 90."),
        },
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("For example: Lincoln Elementary, room 12."),
    )
    video_url = forms.URLField(
        label=_("Video link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        # Only web addresses: a "javascript:" or "file:" link must never become a link.
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("If people join by video: the meeting's web address."),
    )
    attendees = MembersChoiceField(
        label=_("Who is coming"),
        queryset=TeamMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # The concern the meeting is planned from (?concern=), which opens its agenda.
    concern = IdChoiceField(
        queryset=Concern.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(
        self, *args: Any, workspace: Workspace, meeting: Meeting | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        attending = (
            list(meeting.meetingattendee_set.values_list("member_id", flat=True)) if meeting else []
        )
        team = list(team_for(workspace, keep=attending))
        # Those coming first, in their order, so that saving again keeps it.
        rank = {pk: n for n, pk in enumerate(attending)}
        team.sort(key=lambda m: (rank.get(m.pk, len(rank)), m.name, m.pk))
        attendees = model_choice_field(self, "attendees")
        attendees.queryset = team_for(workspace, keep=attending)
        attendees.choices = [(m.pk, attendees.label_from_instance(m)) for m in team]
        students = Student.objects.filter(workspace=workspace)
        if meeting is not None and meeting.student_id is not None:
            # An archived student stays this meeting's own.
            students = Student.all_objects.filter(
                Q(archived=False) | Q(pk=meeting.student_id), workspace=workspace
            )
        model_choice_field(self, "student").queryset = students
        model_choice_field(self, "concern").queryset = Concern.objects.filter(workspace=workspace)
        if not self.is_bound and meeting is None:
            if "student" not in self.initial:
                student = only_student(workspace)
                self.initial["student"] = student.pk if student else None
            self.initial.setdefault(
                "starts_at",
                (timezone.localtime() + datetime.timedelta(days=7)).replace(
                    hour=15, minute=0, second=0, microsecond=0
                ),
            )

    def clean_starts_at(self) -> datetime.datetime:
        value: datetime.datetime = self.cleaned_data["starts_at"]
        check_plausible_date(value.date())
        return value

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "student": data["student"],
            "starts_at": data["starts_at"],
            "duration_minutes": data["duration_minutes"],
            "place": data["place"],
            "video_url": data["video_url"],
        }

    @classmethod
    def initial_from(cls, meeting: Meeting) -> dict[str, Any]:
        return {
            "kind": meeting.kind,
            "student": meeting.student_id,
            "starts_at": timezone.localtime(meeting.starts_at),
            "duration_minutes": meeting.duration_minutes,
            "place": meeting.place,
            "video_url": meeting.video_url,
            "attendees": list(meeting.meetingattendee_set.values_list("member_id", flat=True)),
        }


class OnePageForm(OnceForm):
    """A form that shares the meeting page with five others: its fields' ids start with
    its own word, so that no two fields on the page have the same id (each label then
    names its own field)."""

    ids = "form"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.ids}-%s")
        super().__init__(*args, **kwargs)


class ChecklistStepForm(OnePageForm):
    ids = "step"
    phase = forms.TypedChoiceField(
        label=_("When"), choices=Phase.choices, coerce=int, initial=Phase.BEFORE, widget=Select
    )
    text = forms.CharField(label=_("Step"), max_length=LINE_MAX)


class AgendaPointForm(OnePageForm):
    """A point for the agenda: one's own words, an open concern, a recent insight, or a
    question picked for the student (a bank question by key, or one of the workspace's)."""

    ids = "agenda"
    text = forms.CharField(label=_("A point of your own"), max_length=LINE_MAX, required=False)
    concern = IdChoiceField(
        queryset=Concern.objects.none(), required=False, widget=forms.HiddenInput
    )
    insight = IdChoiceField(
        queryset=Insight.objects.none(), required=False, widget=forms.HiddenInput
    )
    question = forms.ChoiceField(
        choices=[(q.key, q.key) for q in QUESTIONS], required=False, widget=forms.HiddenInput
    )
    own_question = IdChoiceField(
        queryset=CustomQuestion.objects.none(), required=False, widget=forms.HiddenInput
    )
    SOURCES = ("text", "concern", "insight", "question", "own_question")

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "concern").queryset = open_concerns(workspace)
        model_choice_field(self, "insight").queryset = recent_insights(workspace)
        model_choice_field(self, "own_question").queryset = CustomQuestion.objects.filter(
            workspace=workspace
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [name for name in self.SOURCES if data.get(name)]
        if not given and not self.errors:
            self.add_error("text", _("Write the point to add."))
        elif len(given) > 1:
            raise forms.ValidationError(_("Add one point at a time."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "text": data.get("text", ""),
            "concern": data.get("concern"),
            "insight": data.get("insight"),
            "question_key": data.get("question") or "",
            "question": data.get("own_question"),
        }


def open_concerns(workspace: Workspace) -> QuerySet[Concern]:
    return Concern.objects.filter(OPEN_CONCERN, workspace=workspace)


def recent_insights(workspace: Workspace) -> QuerySet[Insight]:
    since = timezone.localdate() - datetime.timedelta(days=RECENT_INSIGHT_DAYS)
    return Insight.objects.filter(workspace=workspace, observed_on__gte=since)


class NotesForm(forms.Form):
    # Kept exactly as typed (no stripping): the page compares it with what it sent.
    notes = forms.CharField(
        label=_("Notes"),
        max_length=NOTES_MAX,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "true"}),
        error_messages={
            "max_length": _(
                "The notes are too long to save: %(show_value)s characters, and they can "
                "hold %(limit_value)s. Nothing is lost: your text is still in the box. Move "
                "part of it elsewhere, then save again."
            )
        },
    )
    # The version the page loaded, so a save from a stale page is told, not applied.
    notes_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "notes-%s")
        super().__init__(*args, **kwargs)
        # No maxlength in the page: a browser would cut a long paste short without a word.
        # The server says it is too long instead, and the text stays.
        self.fields["notes"].widget.attrs.pop("maxlength", None)


class DecisionForm(OnePageForm):
    ids = "decision"
    text = forms.CharField(
        label=_("What was decided"), max_length=LINE_MAX * 2, widget=forms.TextInput()
    )


FAMILY = "family"


class OwnerChoiceIterator(ModelChoiceIterator):
    """First "Choose who", then "The family", then the team."""

    def __iter__(self) -> Iterator[Any]:
        choices = super().__iter__()
        if self.field.empty_label is not None:
            yield next(choices)
        yield (FAMILY, _("The family"))
        yield from choices

    def __len__(self) -> int:
        return super().__len__() + 1


class OwnerChoiceField(MemberLabelMixin, IdChoiceField[TeamMember]):
    """Who does it: a team member by id, or "family"."""

    widget = Select
    iterator = OwnerChoiceIterator
    default_error_messages = {
        "required": _("Choose who will do it: the family or someone on the team."),
    }

    def to_python(self, value: Any | None) -> Any:
        if value == FAMILY:
            return FAMILY
        return super().to_python(value)


class ActionItemForm(OnePageForm):
    ids = "action"
    text = forms.CharField(label=_("What"), max_length=LINE_MAX)
    owner = OwnerChoiceField(
        label=_("Who"), queryset=TeamMember.objects.none(), empty_label=_("Choose who")
    )
    due = forms.DateField(label=_("By when"), required=False, widget=DateInput())

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "owner").queryset = team_for(workspace)

    def clean_due(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("due")
        check_plausible_date(value)
        return value

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        owner = data["owner"]
        return {
            "text": data["text"],
            "owner": None if owner == FAMILY else owner,
            "due": data["due"],
        }


# -- after the meeting: an attendee's answer to its summary


class AnswerForm(forms.Form):
    """An attendee's answer to the summary: "that is what we agreed", or a correction.
    The page an attendee's link opens shows it as it is; the meeting page adds who."""

    response = forms.ChoiceField(
        label=_("Your answer"),
        choices=Confirmation.Response.choices,
        widget=forms.RadioSelect,
        initial=Confirmation.Response.CONFIRMED,
    )
    text = forms.CharField(
        label=_("What should be corrected"),
        max_length=TEXT_MAX,  # Confirmation.text's
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only for a correction: what you remember differently."),
    )

    ids = "answer"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.ids}-%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("response") == Confirmation.Response.CORRECTION and not data.get("text"):
            self.add_error("text", _("Write what should be corrected."))
        return data


class ReplyForm(OnceForm, AnswerForm):
    """A reply an attendee sent by email, recorded on the meeting page by a member."""

    ids = "reply"
    member = IdChoiceField(
        label=_("Who replied"),
        queryset=TeamMember.objects.none(),
        empty_label=_("Choose who"),
        widget=Select,
    )
    received_on = forms.DateField(
        label=_("The day their reply arrived"),
        widget=DateInput(),
        error_messages={"required": _("Give the day their reply arrived.")},
    )
    field_order = ["member", "received_on", "response", "text"]

    def __init__(
        self,
        *args: Any,
        attendees: QuerySet[TeamMember],
        held_on: datetime.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.held_on = held_on
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())
        model_choice_field(self, "member").queryset = attendees
        self.fields["response"].label = _("Their answer")
        self.fields["text"].label = _("The correction they sent")
        self.fields["text"].help_text = _("Only for a correction, in their words.")

    def clean_received_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A reply that arrived cannot be dated after today."))
        if self.held_on is not None and day < self.held_on:
            raise forms.ValidationError(
                _("A reply to the summary comes after the meeting: on or after %(date)s.")
                % {"date": date_format(self.held_on, "SHORT_DATE_FORMAT")}
            )
        return day
