from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from allies.core.forms import IdChoiceField, choice_field, language_choices, model_choice_field
from allies.core.once import OnceForm
from allies.log.forms import MembersChoiceField, team_for
from allies.students.models import Student
from allies.workspaces.models import Workspace

from .defaults import KINDS, PLACEHOLDERS
from .drafts import unknown_placeholders
from .models import BODY_MAX, QUESTION_MAX, SUBJECT_MAX, MessageTemplate
from .questions import CATEGORIES


def kind_choices(language: str) -> list[tuple[str, str]]:
    return [(k.key, k.label(language)) for k in KINDS]


def _check_placeholders(value: str) -> str:
    unknown = unknown_placeholders(value)
    if unknown:
        raise forms.ValidationError(
            _("%(unknown)s is not something Allies can fill in. It can fill in: %(known)s.")
            % {
                "unknown": ", ".join("{" + u + "}" for u in unknown),
                "known": ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS)),
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


class TemplateForm(forms.ModelForm["MessageTemplate"]):
    class Meta:
        model = MessageTemplate
        fields = ("subject", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def clean_subject(self) -> str:
        return _check_placeholders(self.cleaned_data["subject"])

    def clean_body(self) -> str:
        return _check_placeholders(self.cleaned_data["body"])


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
