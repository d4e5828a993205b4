from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from allies.core.dates import months_later, years_later
from allies.workspaces.models import Workspace


@dataclass(frozen=True)
class IepDate:
    """An annual review or re-evaluation coming up for a student."""

    day: datetime.date
    kind: str  # "annual", "reevaluation" or "progress"
    student: Student

    @property
    def label(self) -> str:
        if self.kind == "progress":
            return str(_("progress report"))
        return str(_("annual review") if self.kind == "annual" else _("re-evaluation"))


# Months between progress reports, by schedule; "other" has no computed dates.
PROGRESS_REPORT_MONTHS = {"quarterly": 3, "trimester": 4, "semester": 6, "monthly": 1}


class StudentQuerySet(models.QuerySet["Student"]):
    def iep_dates_between(self, start: datetime.date, end: datetime.date) -> list[IepDate]:
        """Annual reviews and re-evaluations from `start` to `end`, both included: by date,
        an annual review before a re-evaluation on the same day, then by student."""
        found = []
        students = self.filter(
            models.Q(annual_review_due__range=(start, end))
            | models.Q(reevaluation_due__range=(start, end))
        )
        for student in students:
            for kind, day in (
                ("annual", student.annual_review_due),
                ("reevaluation", student.reevaluation_due),
            ):
                if day is not None and start <= day <= end:
                    found.append(IepDate(day, kind, student))
        return sorted(
            found, key=lambda d: (d.day, d.kind != "annual", d.student.name, d.student.pk)
        )

    def progress_reports_between(self, start: datetime.date, end: datetime.date) -> list[IepDate]:
        """Progress reports from `start` to `end`, both included, by date then student:
        every 3, 4, 6 or 1 months from the IEP start, as each student's schedule says."""
        found: list[IepDate] = []
        for student in self.filter(iep_start__isnull=False, iep_start__lte=end):
            found.extend(
                IepDate(day, "progress", student)
                for day in student.progress_report_dates(start, end)
            )
        return sorted(found, key=lambda d: (d.day, d.student.name, d.student.pk))


_StudentManager = models.Manager.from_queryset(StudentQuerySet)


class CurrentStudentManager(_StudentManager["Student"]):
    """`Student.objects`: the students a workspace follows now, without archived ones.

    Every choice list, home's student line, the toolkit and the weekly focus read this;
    the students pages (and an edited entry's own student) use `Student.all_objects`.
    Entries keep showing an archived student: a foreign key reads the base manager.
    """

    def get_queryset(self) -> StudentQuerySet:
        return StudentQuerySet(self.model, using=self._db).filter(archived=False)


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
    strengths = models.TextField(
        _("strengths"),
        max_length=2000,
        blank=True,
        help_text=_("What they are good at and love: the meeting's prep packet opens with it."),
    )
    needs = models.TextField(
        _("needs"),
        max_length=2000,
        blank=True,
        help_text=_("Where they need support, in your own words."),
    )
    # No longer followed (moved on, graduated): kept for the entries about them.
    archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # Every student, archived or not; the default manager, so nothing Django does on its
    # own (dumpdata, get_object_or_404) loses one.
    all_objects = _StudentManager()
    objects = CurrentStudentManager()

    class Meta:
        default_manager_name = "all_objects"
        ordering = ["name", "pk"]
        verbose_name = _("student")
        verbose_name_plural = _("students")

    def __str__(self) -> str:
        return self.name

    def progress_report_dates(
        self, start: datetime.date, end: datetime.date
    ) -> list[datetime.date]:
        """The progress reports due from `start` to `end` by the schedule, counted from the
        IEP start (none for "other", or without an IEP start)."""
        months = PROGRESS_REPORT_MONTHS.get(self.progress_reports)
        if months is None or self.iep_start is None:
            return []
        # Skip whole cycles before `start` instead of walking from the IEP start.
        elapsed = (start.year - self.iep_start.year) * 12 + start.month - self.iep_start.month
        n = max(1, elapsed // months)
        days = []
        while (day := months_later(self.iep_start, n * months)) <= end:
            if day >= start:
                days.append(day)
            n += 1
        return days

    def fill_default_dates(self) -> None:
        if self.iep_start:
            if self.annual_review_due is None:
                self.annual_review_due = years_later(self.iep_start, 1)
            if self.reevaluation_due is None:
                self.reevaluation_due = years_later(self.iep_start, 3)
