from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from allies.core.forms import DateInput, check_plausible_date
from allies.core.once import OnceModelForm

from .models import Student


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
