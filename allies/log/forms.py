from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from allies.core import kept
from allies.core.choices import Channel
from allies.core.compiled import CompiledRead, Slot
from allies.core.forms import (
    DateInput,
    IdChoiceField,
    IdsChoiceField,
    check_plausible_date,
    model_choice_field,
)
from allies.core.once import OnceForm
from allies.core.widgets import Select
from allies.students.forms import child_field, offer_children
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

from .chain import parse_checkpoint
from .models import SUMMARY_MAX, Direction, Interaction, Purpose, Tone, participants_in_order

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrOrPromise

# A clock a little ahead on one device should not stop anyone logging "just now".
FUTURE_SLACK = datetime.timedelta(hours=12)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def member_label(member: TeamMember) -> str:
    """A team member as the drop-downs show them: "Ms. Lee (General education teacher)"."""
    return f"{member.name} ({member.role_label})"


def member_choices(members: Iterable[TeamMember]) -> list[tuple[int, str]]:
    """The drop-down options for `members`, in their order."""
    return [(m.pk, member_label(m)) for m in members]


class MemberLabelMixin:
    """Team members shown as "Ms. Lee (General education teacher)"."""

    def label_from_instance(self, obj: TeamMember) -> str:
        return member_label(obj)


class MemberChoiceField(MemberLabelMixin, IdChoiceField["TeamMember"]):
    widget = Select

    def show(self, members: Iterable[TeamMember]) -> None:
        """Offer `members` (already read, in the queryset's order) instead of reading the
        queryset again to draw the drop-down; a submitted choice is still checked
        against the queryset."""
        self.show_choices(member_choices(members))

    def show_choices(self, options: Iterable[tuple[int, str]]) -> None:
        """Offer `options` (`member_choices` of the queryset's members, in its order)."""
        choices: list[tuple[Any, Any]] = (
            [] if self.empty_label is None else [("", self.empty_label)]
        )
        choices += options
        self.choices = choices


class MembersChoiceField(MemberLabelMixin, IdsChoiceField["TeamMember"]):
    pass


def team_for(workspace: Workspace, keep: list[int] | None = None) -> Any:
    """Active team members, plus any inactive ones an entry already names."""
    from django.db.models import Q

    query = Q(active=True)
    if keep:
        query |= Q(pk__in=keep)
    return TeamMember.objects.filter(query, workspace=workspace).order_by("name", "pk")


def check_occurred_at(value: datetime.datetime) -> None:
    if value > timezone.now() + FUTURE_SLACK:
        raise forms.ValidationError(_("This is in the future. Log what has already happened."))
    check_plausible_date(value.date())


def summary_field(label: StrOrPromise, widget: forms.Widget) -> forms.CharField:
    """The summary: required, trimmed (blank is missing), at most SUMMARY_MAX characters.

    As it is typed, the tone coach reads it (htmx, into the page's #tone-panel).
    """
    widget.attrs.update(
        {
            "hx-post": reverse_lazy("tone_check"),
            "hx-trigger": "input changed delay:700ms",
            "hx-target": "#tone-panel",
            "hx-swap": "innerHTML",
        }
    )
    return forms.CharField(label=label, max_length=SUMMARY_MAX, widget=widget)


def only_student(workspace: Workspace) -> Student | None:
    """The workspace's student when there is exactly one: what an entry is about by default."""
    students = list(Student.objects.filter(workspace=workspace)[:2])
    return students[0] if len(students) == 1 else None


class InteractionForm(OnceForm):
    occurred_at = forms.DateTimeField(label=_("When"), widget=DateTimeInput())
    participants = MembersChoiceField(
        label=_("With"), queryset=TeamMember.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, widget=Select)
    direction = forms.ChoiceField(
        label=_("Who started it"), choices=Direction.choices, initial=Direction.SENT, widget=Select
    )
    purposes = forms.TypedMultipleChoiceField(
        label=_("Purpose"),
        choices=Purpose.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    tone = forms.ChoiceField(
        label=_("Tone"), choices=Tone.choices, initial=Tone.NEUTRAL, widget=Select
    )
    summary = summary_field(_("What happened"), forms.Textarea(attrs={"rows": 5}))
    follow_up_due = forms.DateField(label=_("Follow up by"), required=False, widget=DateInput())
    student = IdChoiceField(
        label=_("Student"), queryset=Student.objects.none(), required=False, widget=Select
    )
    # The revision the editor started from, so a change saved meanwhile is not undone.
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    # An earlier entry whose follow-up this one answers (new entries only).
    follows = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(
        self, *args: Any, workspace: Workspace, keep: list[int] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        # An edited entry's people, in their order: they keep their places.
        self.keep = keep or []
        # The choices, also read by the view that prefills the form from a link.
        self.team = team_for(workspace, keep)
        self.students = Student.objects.filter(workspace=workspace)
        # An open follow-up this entry answers, shown above the form.
        self.follows_shown: Interaction | None = None
        model_choice_field(self, "participants").queryset = self.team
        model_choice_field(self, "student").queryset = self.students
        if not self.is_bound and "student" not in self.initial:
            student = only_student(workspace)
            self.initial["student"] = student.pk if student else None
        if not self.is_bound:
            self.initial.setdefault(
                "occurred_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean_occurred_at(self) -> datetime.datetime:
        value: datetime.datetime = self.cleaned_data["occurred_at"]
        check_occurred_at(value)
        return value

    def clean_follow_up_due(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("follow_up_due")
        check_plausible_date(value)
        return value

    def clean_participants(self) -> list[TeamMember]:
        """The people in the order they were ticked: an edited entry's own first, in their
        places, then anyone newly ticked, in the order submitted (the boxes post in the
        page's order, so an edit never reorders people ticked in another order)."""
        chosen: list[TeamMember] = self.cleaned_data["participants"]
        place = {pk: n for n, pk in enumerate(self.keep)}
        return sorted(chosen, key=lambda m: place.get(m.pk, len(place)))

    def clean_follows(self) -> Interaction | None:
        # A follow-up closed meanwhile (or not this workspace's) is simply not closed again.
        return self.follows_entry(self.cleaned_data.get("follows"))

    def follows_entry(self, pk: Any) -> Interaction | None:
        """The open follow-up `pk` names in this workspace, if any."""
        if not isinstance(pk, int) and not (
            isinstance(pk, str) and pk.isdecimal() and pk.isascii()
        ):
            return None
        return (
            Interaction.objects.filter(pk=int(pk), workspace=self.workspace)
            .follow_up_open()
            .prefetch_related(participants_in_order())
            .first()
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        when, due = data.get("occurred_at"), data.get("follow_up_due")
        if when and due and due < timezone.localtime(when).date():
            self.add_error("follow_up_due", _("A follow-up cannot come before the contact."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "occurred_at": data["occurred_at"],
            "channel": data["channel"],
            "direction": data["direction"],
            "participants": list(data["participants"]),
            "purposes": Purpose.to_bits(data["purposes"]),
            "tone": data["tone"],
            "summary": data["summary"],
            "follow_up_due": data["follow_up_due"],
            "student": data["student"],
        }

    @classmethod
    def initial_from(cls, interaction: Interaction) -> dict[str, Any]:
        return {
            "base_revision": interaction.revision_count,
            "occurred_at": timezone.localtime(interaction.occurred_at),
            "participants": [m.pk for m in interaction.people()],
            "channel": interaction.channel,
            "direction": interaction.direction,
            "purposes": [p.value for p in interaction.purpose_list],
            "tone": interaction.tone,
            "summary": interaction.summary,
            "follow_up_due": interaction.follow_up_due,
            "student": interaction.student_id,
        }


class QuickAddForm(OnceForm):
    """Who, how, why, one line: everything else takes a sensible default."""

    member = MemberChoiceField(
        label=_("Who"), queryset=TeamMember.objects.none(), empty_label=_("Choose a person")
    )
    channel = forms.ChoiceField(
        label=_("How"),
        choices=[("", _("Their usual way")), *Channel.choices],
        required=False,
        widget=Select,
    )
    purpose = forms.TypedChoiceField(
        label=_("Why"),
        choices=Purpose.choices,
        coerce=int,
        initial=Purpose.CHECK_IN,
        widget=Select,
    )
    summary = summary_field(_("In one line"), forms.TextInput(attrs={"autocomplete": "off"}))

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        model_choice_field(self, "member").queryset = team_for(workspace)

    def show_team(self, options: Iterable[tuple[int, str]]) -> None:
        """Draw "Who" from `options`: `member_choices` of the active team, as `team_for`
        orders it, which the page read already."""
        cast(MemberChoiceField, self.fields["member"]).show_choices(options)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        member: TeamMember = data["member"]
        purpose = data["purpose"]
        positive = purpose in (Purpose.APPRECIATION, Purpose.VICTORY)
        return {
            "occurred_at": timezone.now().replace(second=0, microsecond=0),
            "channel": data["channel"] or member.preferred_channel,
            "direction": Direction.BOTH,
            "participants": [member],
            "purposes": int(purpose),
            "tone": Tone.POSITIVE if positive else Tone.NEUTRAL,
            "summary": data["summary"],
            "student": only_student(self.workspace),
        }


def whole_team(workspace: int) -> QuerySet[TeamMember]:
    """Everyone who has been on the team, the active first: whom the log can be filtered by."""
    return TeamMember.objects.filter(workspace=workspace).order_by("-active", "name", "pk")


# The filter's drop-down, on every log page: read without building the queryset each time.
_WHOLE_TEAM = CompiledRead(whole_team, workspace=Slot.ID)


def whole_team_choices(workspace: Workspace) -> tuple[list[tuple[int, str]], str]:
    """`member_choices` of `whole_team`, and the digest of its rows: read on every call,
    and made into options (in the reader's language) only when the rows differ from the
    ones kept (core.kept)."""
    team = _WHOLE_TEAM.fetch(workspace=workspace.pk)
    digest = team.digest()
    name = kept.key("log-team-choices", workspace.pk, digest)
    found: list[tuple[int, str]] | None = kept.cache().get(name)
    if found is None:
        found = member_choices(_WHOLE_TEAM.instances(team))
        kept.cache().set(name, found, kept.KEPT_FOR)
    return found, digest


class DateRange(forms.Form):
    """`start` and `end` dates a form declares, checked to be plausible: dates near year
    1 or 9999 would overflow when turned into a time range."""

    def clean_start(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("start")
        check_plausible_date(value)
        return value

    def clean_end(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("end")
        check_plausible_date(value)
        return value


class LogFilterForm(DateRange):
    q = forms.CharField(label=_("Search summaries"), required=False, max_length=200)
    member = MemberChoiceField(
        label=_("Person"),
        queryset=TeamMember.objects.none(),
        required=False,
        empty_label=_("Anyone"),
    )
    purpose = forms.TypedChoiceField(
        label=_("Purpose"),
        choices=[("", _("Any")), *Purpose.choices],
        coerce=int,
        required=False,
        empty_value=None,
        widget=Select,
    )
    tone = forms.ChoiceField(
        label=_("Tone"), choices=[("", _("Any")), *Tone.choices], required=False, widget=Select
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[("", _("Any")), *Channel.choices],
        required=False,
        widget=Select,
    )
    student = child_field()
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    withdrawn = forms.BooleanField(label=_("Include withdrawn entries"), required=False)
    several_students: bool

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member = cast(MemberChoiceField, self.fields["member"])
        member.queryset = whole_team(workspace.pk)
        choices, self.team_digest = whole_team_choices(workspace)
        member.show_choices(choices)
        # What the kept filter form was drawn from, with the team's rows (log/views.py).
        self.students_digest = offer_children(self, workspace)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date comes before the start date."))
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing this entry?"),
        max_length=500,
        help_text=_("The entry stays in the history with this reason."),
        widget=forms.TextInput(),
    )

    def clean_reason(self) -> str:
        value: str = self.cleaned_data["reason"].strip()
        if not value:
            raise forms.ValidationError(_("Give a reason."))
        return value


class ExportForm(DateRange):
    """What to take out of the log, and in which form (log/exports.py)."""

    FORMATS = (
        ("pdf", _("PDF, to print or hand over")),
        ("csv", _("CSV, for a spreadsheet")),
        ("json", _("JSON, every revision with its seal")),
    )

    format = forms.ChoiceField(
        label=_("Format"), choices=FORMATS, initial="pdf", widget=forms.RadioSelect
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    student = child_field()
    member = MemberChoiceField(
        label=_("Person"),
        queryset=TeamMember.objects.none(),
        required=False,
        empty_label=_("Anyone"),
    )
    several_students: bool

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member = cast(MemberChoiceField, self.fields["member"])
        member.queryset = whole_team(workspace.pk)
        member.show_choices(whole_team_choices(workspace)[0])
        offer_children(self, workspace)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end comes before the start: choose a later day."))
        return data


class VerifyExportForm(forms.Form):
    """An export file to check against its own seals (log/export_check.py)."""

    file = forms.FileField(
        label=_("The export (CSV or JSON)"),
        help_text=_("A file downloaded from Export the log. It is read here and not kept."),
        error_messages={"required": _("Choose the export file to check.")},
    )


class CheckpointForm(forms.Form):
    """A checkpoint to check the record against: SEQ:HASH or a fingerprint line."""

    checkpoint = forms.CharField(
        label=_("Checkpoint"),
        max_length=200,
        help_text=_(
            "A record line you kept or received, such as “Allies record 1234 · "
            "3f9a2c1b7d4e”, or its number and hash as 1234:3f9a2c1b7d4e."
        ),
    )

    def clean_checkpoint(self) -> tuple[int, str]:
        try:
            return parse_checkpoint(self.cleaned_data["checkpoint"])
        except ValueError:
            raise forms.ValidationError(
                _(
                    "This is not a checkpoint: write its number, a colon and at least the "
                    "first 12 characters of its hash (0–9, a–f), as in 1234:3f9a2c1b7d4e."
                )
            ) from None


class RecordLineForm(forms.Form):
    """Whether the toolkit's messages end with the record's fingerprint line."""

    on = forms.BooleanField(
        label=_("End the messages written in the toolkit with this line"),
        required=False,
        help_text=_(
            "Whoever receives a message can then ask you to check that the record still "
            "holds what it held when the message was written."
        ),
    )
