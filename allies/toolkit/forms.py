from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from allies.core.forms import IdChoiceField, choice_field, language_choices, model_choice_field
from allies.core.once import OnceForm
from allies.core.params import ids_from
from allies.log.forms import MembersChoiceField, team_for
from allies.questions.bank import CATEGORIES
from allies.questions.models import QUESTION_MAX
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

from .defaults import KINDS, placeholders_of
from .drafts import unknown_placeholders
from .models import BODY_MAX, SUBJECT_MAX, MessageTemplate


def kind_choices(language: str) -> list[tuple[str, str]]:
    return [(k.key, k.label(language)) for k in KINDS]


def _check_placeholders(value: str, known: frozenset[str]) -> str:
    unknown = unknown_placeholders(value, known)
    if unknown:
        raise forms.ValidationError(
            _(
                "%(unknown)s is not something Allies can fill in for this kind of message. "
                "It can fill in: %(known)s."
            )
            % {
                "unknown": ", ".join("{" + u + "}" for u in unknown),
                "known": ", ".join("{" + p + "}" for p in sorted(known)),
            }
        )
    return value


class ComposeForm(OnceForm):
    kind = forms.ChoiceField(label=_("Kind of message"))
    recipients = MembersChoiceField(
        label=pgettext_lazy("recipients of a message", "To"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    student = IdChoiceField(label=_("About"), queryset=Student.objects.none(), required=False)
    language = forms.ChoiceField(label=_("Language of the message"))
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    body = forms.CharField(
        label=_("Message"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 14})
    )
    month = forms.CharField(widget=forms.HiddenInput, required=False, max_length=7)
    # The insight this message thanks its author for, when it was opened from one.
    thanks = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    # The meeting a follow-up was opened from: its decisions and action items fill it.
    meeting = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    # The ticked people's ids in the order they were ticked ("12,5,9"): kept by the
    # page's script as boxes are ticked, and carried from one request to the next.
    order = forms.CharField(widget=forms.HiddenInput, required=False)
    # The draft as Allies last wrote it (drafts.Written), so that a later request can
    # tell what the user has changed since. Never checked: they only decide whether a
    # part may be rewritten, so a wrong value can only keep the user's own text.
    written_subject = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    written_body = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    written_greeting = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    written_language = forms.CharField(widget=forms.HiddenInput, required=False)
    written_first = forms.CharField(widget=forms.HiddenInput, required=False)
    written_kind = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, workspace: Workspace, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The choices, also read by the views that fill the draft from a link.
        self.team = team_for(workspace)
        self.students = Student.objects.filter(workspace=workspace)
        choice_field(self, "kind").choices = kind_choices(language)
        model_choice_field(self, "recipients").queryset = self.team
        model_choice_field(self, "student").queryset = self.students
        choice_field(self, "language").choices = language_choices()
        self.fields["body"].label = _("Message")

    def recipient_ids(self) -> list[int]:
        """The ids of the ticked people in the order they were ticked: as `order` has
        them, then any ticked that it leaves out, in the form's order. Junk is left out."""
        data = self.data if self.is_bound else self.initial
        values = data.getlist("recipients") if hasattr(data, "getlist") else data.get("recipients")
        ticked = list(dict.fromkeys(ids_from([str(v) for v in values or []])))
        order = list(dict.fromkeys(ids_from(str(data.get("order") or "").split(","))))
        return [i for i in order if i in ticked] + [i for i in ticked if i not in order]

    def recipients_in_order(self) -> list[TeamMember]:
        """The ticked people of the workspace's team, in the order they were ticked."""
        team = {m.pk: m for m in self.team}
        return [team[i] for i in self.recipient_ids() if i in team]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        members = cleaned.get("recipients")
        if members is not None:
            place = {pk: n for n, pk in enumerate(self.recipient_ids())}
            cleaned["recipients"] = sorted(members, key=lambda m: place.get(m.pk, len(place)))
        return cleaned


class TemplateForm(forms.ModelForm["MessageTemplate"]):
    class Meta:
        model = MessageTemplate
        fields = ("subject", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A kind fills in only its own words: {decisions} means nothing in a thank-you.
        self.placeholders = placeholders_of(kind)

    def clean_subject(self) -> str:
        return _check_placeholders(self.cleaned_data["subject"], self.placeholders)

    def clean_body(self) -> str:
        return _check_placeholders(self.cleaned_data["body"], self.placeholders)


class CustomQuestionForm(OnceForm):
    category = forms.ChoiceField(label=_("Category"))
    text = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "category").choices = [(c.key, c.label(language)) for c in CATEGORIES]


class QuestionSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the questions"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Category"), required=False)
    favourites = forms.BooleanField(label=_("Favourites only"), required=False)

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "category").choices = [
            ("", _("All categories")),
            *((c.key, c.label(language)) for c in CATEGORIES),
        ]
