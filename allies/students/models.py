from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from allies.core.dates import years_later
from allies.workspaces.models import Workspace


class Student(models.Model):
    class Grade(models.TextChoices):
        PRE_K = "pk", _("Pre-K")
        K = "k", _("Kindergarten")
        G1 = "1", _("Grade 1")
        G2 = "2", _("Grade 2")
        G3 = "3", _("Grade 3")
        G4 = "4", _("Grade 4")
        G5 = "5", _("Grade 5")
        G6 = "6", _("Grade 6")
        G7 = "7", _("Grade 7")
        G8 = "8", _("Grade 8")
        G9 = "9", _("Grade 9")
        G10 = "10", _("Grade 10")
        G11 = "11", _("Grade 11")
        G12 = "12", _("Grade 12")
        TRANSITION = "transition", _("Transition (18–21)")

    class ProgressReports(models.TextChoices):
        QUARTERLY = "quarterly", _("Quarterly")
        TRIMESTER = "trimester", _("Each trimester")
        SEMESTER = "semester", _("Each semester")
        MONTHLY = "monthly", _("Monthly")
        OTHER = "other", _("Other")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="students")
    name = models.CharField(_("name or initials"), max_length=120)
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices, blank=True)
    school = models.CharField(_("school"), max_length=200, blank=True)
    iep_start = models.DateField(_("IEP start date"), null=True, blank=True)
    annual_review_due = models.DateField(
        _("annual review due"),
        null=True,
        blank=True,
        help_text=_("Left empty, it is set to one year after the IEP start."),
    )
    reevaluation_due = models.DateField(
        _("re-evaluation due"),
        null=True,
        blank=True,
        help_text=_("Left empty, it is set to three years after the IEP start."),
    )
    progress_reports = models.CharField(
        _("progress reports"),
        max_length=12,
        choices=ProgressReports.choices,
        default=ProgressReports.QUARTERLY,
    )
    progress_reports_note = models.CharField(
        _("progress report dates or notes"), max_length=200, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("student")
        verbose_name_plural = _("students")

    def __str__(self) -> str:
        return self.name

    def fill_default_dates(self) -> None:
        if self.iep_start:
            if self.annual_review_due is None:
                self.annual_review_due = years_later(self.iep_start, 1)
            if self.reevaluation_due is None:
                self.reevaluation_due = years_later(self.iep_start, 3)
