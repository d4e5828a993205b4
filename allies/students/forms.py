from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from allies.core.forms import DateInput, IdChoiceField, check_plausible_date, model_choice_field
from allies.core.once import OnceModelForm
from allies.core.widgets import Select
from allies.workspaces.models import Workspace

from .models import Student


def child_field() -> IdChoiceField[Student]:
    """A choice of one of the workspace's children, or any: narrows a page or a filter.
    Its choices are set per request by `offer_children`."""
    return IdChoiceField(
        label=_("Child"),
        queryset=Student.objects.none(),
        required=False,
        empty_label=_("Any child"),
        widget=Select,
    )


def offer_children(form: forms.BaseForm, workspace: Workspace, name: str = "student") -> str:
    """Fill `form`'s child field with every child of the workspace, archived ones too
    (their entries stay), in one query; set `form.several_students` (the choice is
    offered only when there is more than one to tell apart) and return a digest of the
    choices, for a kept fragment's key."""
    students = list(
        Student.all_objects.filter(workspace=workspace).order_by("archived", "name", "pk")
    )
    field = model_choice_field(form, name)
    field.queryset = Student.all_objects.filter(workspace=workspace)
    field.choices = [("", _("Any child")), *((s.pk, s.name) for s in students)]
    form.several_students = len(students) > 1  # type: ignore[attr-defined]
    return repr([(s.pk, s.name) for s in students])


class ChildForm(forms.Form):
    """`?student=` on a page that can be narrowed to one child."""

    student = child_field()
    several_students: bool

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.students_digest = offer_children(self, workspace)

    def child(self) -> Student | None:
        """The child chosen, or None for any (also when the choice is not one of them)."""
        if not self.is_valid():
            return None
        student: Student | None = self.cleaned_data["student"]
        return student


class StudentForm(OnceModelForm):
    class Meta:
        model = Student
        fields = (
            "name",
            "grade",
            "school",
            "iep_start",
            "annual_review_due",
            "reevaluation_due",
            "progress_reports",
            "progress_reports_note",
            "strengths",
            "needs",
        )
        widgets = {
            "iep_start": DateInput(),
            "annual_review_due": DateInput(),
            "reevaluation_due": DateInput(),
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for field in ("iep_start", "annual_review_due", "reevaluation_due"):
            try:
                check_plausible_date(data.get(field))
            except forms.ValidationError as error:
                self.add_error(field, error)
        start = data.get("iep_start")
        for field in ("annual_review_due", "reevaluation_due"):
            due = data.get(field)
            if start and due and due <= start:
                self.add_error(field, _("This date must come after the IEP start date."))
        return data
