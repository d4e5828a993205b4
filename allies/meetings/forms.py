"""The meetings app's forms. Choices of people, students, entries and concerns come from
the workspace only, through `IdChoiceField`/`IdsChoiceField`, so a foreign id or one no
column can hold is a form error; create forms carry a one-time token (`OnceForm`)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from allies.core.forms import (
    DateInput,
    IdChoiceField,
    check_plausible_date,
    model_choice_field,
)
from allies.core.once import OnceForm, OnceModelForm
from allies.core.rendering import date_text
from allies.core.widgets import Select
from allies.log.forms import MembersChoiceField, team_for
from allies.log.models import Interaction
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

from .models import (
    LINE_MAX,
    OPEN_CONCERN,
    TEXT_MAX,
    ActionItem,
    Concern,
    Insight,
    Meeting,
    Side,
)

# The owner (or "shared by") value that stands for the family rather than a team member.
FAMILY = "family"
SEARCH_MAX = 200
# How many of the latest log entries the "link an entry" choice offers.
RECENT_ENTRIES = 40


def _students(workspace: Workspace, keep: int | None = None) -> QuerySet[Student]:
    """The students followed now, plus an archived one the object already names."""
    if keep is None:
        return Student.objects.filter(workspace=workspace)
    return Student.all_objects.filter(Q(archived=False) | Q(pk=keep), workspace=workspace)


def _whole_team(workspace: Workspace) -> QuerySet[TeamMember]:
    """Everyone who is or was on the team: what a filter may ask about."""
    return TeamMember.objects.filter(workspace=workspace).order_by("name", "pk")


def _check_not_future(value: datetime.date | None) -> None:
    check_plausible_date(value)
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(_("This is in the future. Choose today or an earlier day."))


class _OwnerChoices(ModelChoiceIterator):
    """The empty label (if the field has one), then the family, then the team members."""

    def __iter__(self) -> Iterator[tuple[ModelChoiceIteratorValue | str, str]]:
        choices = super().__iter__()
        if self.field.empty_label is not None:
            yield next(choices)
        yield (FAMILY, gettext("The family"))
        yield from choices

    def __len__(self) -> int:
        return super().__len__() + 1


class PersonChoiceField(IdChoiceField[TeamMember]):
    """A team member by name alone: a select shows one line, which must fit a phone (the
    role is on the member's page)."""

    widget = Select

    def label_from_instance(self, obj: TeamMember) -> str:
        return obj.name


class OwnerChoiceField(PersonChoiceField):
    """A team member or the family: cleans to the member, or to FAMILY."""

    iterator = _OwnerChoices

    def clean(self, value: Any) -> Any:
        if value == FAMILY:
            return FAMILY
        return super().clean(value)


def owner_of(value: Any) -> TeamMember | None:
    """The team member an owner choice names; None for the family."""
    return None if value == FAMILY else value


# ---------------------------------------------------------------------------- insights


class InsightForm(OnceModelForm):
    student = IdChoiceField(
        label=_("Student"), queryset=Student.objects.none(), required=False, widget=Select
    )
    shared_by = PersonChoiceField(
        label=_("Shared by"),
        queryset=TeamMember.objects.none(),
        required=False,
        empty_label=_("Someone in the family"),
        help_text=_("A team member, or leave it on the family."),
    )
    # Declared here: the model's callable default would add a hidden "initial" input.
    observed_on = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=DateInput())

    class Meta:
        model = Insight
        fields = (
            "observed",
            "what_works",
            "source",
            "student",
            "shared_by",
            "shared_by_name",
            "observed_on",
        )
        widgets = {
            "observed": forms.Textarea(attrs={"rows": 4}),
            "what_works": forms.Textarea(attrs={"rows": 3}),
            "source": Select,
        }
        error_messages = {
            "observed": {"required": _("Say what was seen: a moment, a habit, a change.")}
        }

    def __init__(
        self, *args: Any, workspace: Workspace, insight: Insight | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        keep_member = [insight.shared_by_id] if insight and insight.shared_by_id else None
        model_choice_field(self, "student").queryset = _students(
            workspace, insight.student_id if insight else None
        )
        model_choice_field(self, "shared_by").queryset = team_for(workspace, keep_member)

    def clean_observed_on(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["observed_on"]
        _check_not_future(value)
        return value

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    @staticmethod
    def initial_from(insight: Insight) -> dict[str, Any]:
        return {name: getattr(insight, name) for name in InsightForm.Meta.fields}


class InsightFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search what was seen and what works"), required=False, max_length=SEARCH_MAX
    )
    student = IdChoiceField(
        label=_("Student"),
        queryset=Student.objects.none(),
        required=False,
        empty_label=_("Any"),
        widget=Select,
    )
    source = forms.ChoiceField(
        label=_("Where it was seen"),
        choices=[("", _("Anywhere")), *Insight.Source.choices],
        required=False,
        widget=Select,
    )
    shared_by = OwnerChoiceField(
        label=_("Shared by"),
        queryset=TeamMember.objects.none(),
        required=False,
        empty_label=_("Anyone"),
    )

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "student").queryset = _students(workspace)
        model_choice_field(self, "shared_by").queryset = _whole_team(workspace)


# ---------------------------------------------------------------------------- concerns

CONCERN_FIELDS = ("title", "student", "interest", "observed", "impact", "tried", "invited")


class ConcernForm(OnceModelForm):
    student = IdChoiceField(
        label=_("Student"), queryset=Student.objects.none(), required=False, widget=Select
    )
    invited = MembersChoiceField(
        label=_("Who is invited to solve it"),
        queryset=TeamMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Concern
        fields = CONCERN_FIELDS
        widgets = {
            "interest": forms.Textarea(attrs={"rows": 3}),
            "observed": forms.Textarea(attrs={"rows": 3}),
            "impact": forms.Textarea(attrs={"rows": 3}),
            "tried": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "title": _("For example: homework takes two hours every night."),
            "interest": _(
                "The interest behind it, not a demand: for example, “Sam finishes his "
                "homework without tears”."
            ),
        }
        error_messages = {"title": {"required": _("Say in a few words what the concern is about.")}}

    def __init__(
        self, *args: Any, workspace: Workspace, concern: Concern | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        keep = list(concern.invited.values_list("pk", flat=True)) if concern else None
        model_choice_field(self, "student").queryset = _students(
            workspace, concern.student_id if concern else None
        )
        model_choice_field(self, "invited").queryset = team_for(workspace, keep)

    def service_kwargs(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in CONCERN_FIELDS}
        data["invited"] = list(data["invited"])
        return data

    @staticmethod
    def initial_from(concern: Concern) -> dict[str, Any]:
        initial = {name: getattr(concern, name) for name in CONCERN_FIELDS if name != "invited"}
        initial["invited"] = [m.pk for m in concern.invited.all()]
        return initial


class ConcernFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any")), *Concern.Status.choices],
        required=False,
        widget=Select,
    )
    student = IdChoiceField(
        label=_("Student"),
        queryset=Student.objects.none(),
        required=False,
        empty_label=_("Any"),
        widget=Select,
    )

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "student").queryset = _students(workspace)


class OptionForm(OnceForm):
    text = forms.CharField(
        label=_("A way forward"),
        max_length=LINE_MAX,
        error_messages={"required": _("Write the option down in a few words.")},
    )
    suggested_by = forms.ChoiceField(
        label=_("Suggested by"),
        choices=Side.choices,
        initial=Side.HOME,
        widget=forms.RadioSelect,
    )
    member = PersonChoiceField(
        label=_("Who at school"),
        queryset=TeamMember.objects.none(),
        required=False,
        empty_label=_("Someone at school"),
    )

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "member").queryset = team_for(workspace)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("suggested_by") != Side.SCHOOL:
            data["member"] = None  # a person at school only says who at school
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Where it stands"), choices=Concern.Status.choices, widget=Select
    )
    plan = forms.CharField(
        label=_("The agreed plan"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed once a plan is agreed: who does what, and how you will know it works."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == Concern.Status.PLAN_AGREED and not data.get("plan", "").strip():
            self.add_error("plan", _("Write down the plan you agreed."))
        return data


class EntryChoiceField(IdChoiceField[Interaction]):
    widget = Select

    def label_from_instance(self, obj: Interaction) -> str:
        when = date_text(timezone.localtime(obj.occurred_at), "SHORT_DATE_FORMAT")
        return f"{when} · {Truncator(obj.summary).chars(70)}"


class LinkEntryForm(forms.Form):
    entry = EntryChoiceField(
        label=_("A log entry"),
        queryset=Interaction.objects.none(),
        empty_label=_("Choose a recent entry"),
        error_messages={"required": _("Choose the entry to link.")},
    )

    def __init__(self, *args: Any, concern: Concern, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = model_choice_field(self, "entry")
        # Any entry of the workspace can be linked; the list offers the latest ones.
        field.queryset = (
            Interaction.objects.current()
            .filter(workspace_id=concern.workspace_id)
            .exclude(concerns=concern)
            .order_by("-occurred_at", "-pk")
        )
        recent = field.queryset[:RECENT_ENTRIES]
        field.choices = [("", field.empty_label or "")] + [
            (entry.pk, field.label_from_instance(entry)) for entry in recent
        ]


# ---------------------------------------------------------------------------- action items


class MeetingChoiceField(IdChoiceField[Meeting]):
    widget = Select

    def label_from_instance(self, obj: Meeting) -> str:
        when = date_text(timezone.localtime(obj.starts_at), "SHORT_DATE_FORMAT")
        return f"{obj.kind_label}, {when}"


class ActionItemForm(OnceForm):
    text = forms.CharField(
        label=_("What"),
        max_length=LINE_MAX,
        error_messages={"required": _("Say what is to be done.")},
    )
    owner = OwnerChoiceField(
        label=_("Who does it"),
        queryset=TeamMember.objects.none(),
        empty_label=_("Choose who"),
        error_messages={"required": _("Choose who does it: the family or someone on the team.")},
    )
    due = forms.DateField(label=_("By when"), required=False, widget=DateInput())
    student = IdChoiceField(
        label=_("Student"), queryset=Student.objects.none(), required=False, widget=Select
    )
    concern = IdChoiceField(
        label=_("Part of the concern"),
        queryset=Concern.objects.none(),
        required=False,
        empty_label=_("None"),
        widget=Select,
    )
    meeting = MeetingChoiceField(
        label=_("Agreed at the meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    def __init__(
        self, *args: Any, workspace: Workspace, concern: Concern | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "owner").queryset = team_for(workspace)
        if concern is not None:
            # Added from the concern's page: it is the concern's, about its student.
            del self.fields["student"], self.fields["concern"], self.fields["meeting"]
        else:
            model_choice_field(self, "student").queryset = _students(workspace)
            model_choice_field(self, "concern").queryset = Concern.objects.filter(
                OPEN_CONCERN, workspace=workspace
            ).order_by("title", "pk")
            model_choice_field(self, "meeting").queryset = Meeting.objects.filter(
                workspace=workspace
            ).order_by("-starts_at", "-pk")

    def clean_due(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("due")
        check_plausible_date(value)
        return value

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {"text": data["text"], "owner": owner_of(data["owner"]), "due": data["due"]}
        for name in ("student", "concern", "meeting"):
            if name in self.fields:
                kwargs[name] = data[name]
        return kwargs


class DropForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it was dropped"),
        max_length=LINE_MAX,
        error_messages={"required": _("Say why it was dropped, so the record shows it.")},
    )


OPEN, OVERDUE, ALL = "open", "overdue", "all"


class ActionFilterForm(forms.Form):
    owner = OwnerChoiceField(
        label=_("Who does it"),
        queryset=TeamMember.objects.none(),
        required=False,
        empty_label=_("Anyone"),
    )
    # Open ones unless asked otherwise: the list is what is still to be done.
    status = forms.ChoiceField(
        label=_("Show"),
        choices=[
            (OPEN, pgettext_lazy("action items", "Open")),
            (OVERDUE, pgettext_lazy("action items", "Overdue")),
            (ActionItem.Status.DONE, pgettext_lazy("action items", "Done")),
            (ActionItem.Status.DROPPED, pgettext_lazy("action items", "Dropped")),
            (ALL, pgettext_lazy("action items", "All")),
        ],
        required=False,
        widget=Select,
    )
    student = IdChoiceField(
        label=_("Student"),
        queryset=Student.objects.none(),
        required=False,
        empty_label=_("Any"),
        widget=Select,
    )

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "owner").queryset = _whole_team(workspace)
        model_choice_field(self, "student").queryset = _students(workspace)

    def clean_status(self) -> str:
        return str(self.cleaned_data.get("status") or OPEN)
