from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from allies.log.models import Interaction
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace


class Rule(models.TextChoices):
    """Why a week's focus was suggested, in the order the rules are tried."""

    FOLLOW_UP = "follow_up", _("An overdue follow-up")
    ACTION_ITEM = "action_item", _("An action item past due")
    MEETING_PREP = "meeting_prep", _("A meeting soon, not prepared yet")
    IEP_DATE = "iep_date", _("An upcoming IEP date")
    CHECK_IN = "check_in", _("An overdue check-in")
    THANKS = "thanks", _("Help not yet thanked")
    INSIGHT = "insight", _("Expertise shared, not yet acknowledged")
    CONCERNS = "concerns", _("Concerns outweigh victories")
    APPRECIATE = "appreciate", _("Appreciation first")


class WeeklyFocus(models.Model):
    """The one small action suggested to a workspace for one ISO week.

    Chosen the first time anyone looks in a week, then kept: the reason is stored as
    numbers (`facts`) and written out in the reader's language when shown.
    """

    class State(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        DONE = "done", _("Done")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the ISO week.")
    rule = models.CharField(max_length=12, choices=Rule.choices)
    key = models.CharField(max_length=40)
    member = models.ForeignKey(
        TeamMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    student = models.ForeignKey(
        Student, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entry = models.ForeignKey(
        Interaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    facts = models.JSONField(default=dict)
    skipped = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    accepted_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_with = models.ForeignKey(
        Interaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "week"], name="one_focus_a_week")
        ]
        indexes = [models.Index(fields=["workspace", "state", "-week"], name="focus_streak")]

    def __str__(self) -> str:
        return f"{self.week} {self.rule}"

    @property
    def is_done(self) -> bool:
        return self.state == self.State.DONE


class DigestDelivery(models.Model):
    """One weekly digest sent to one person: what makes `send-digests` safe to re-run."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="one_digest_a_week")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.week}"
