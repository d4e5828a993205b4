"""The people on a child's team: who they are and how each one likes to be reached."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from allies.core.choices import Channel, label_of
from allies.workspaces.models import Workspace

# How often to check in with someone, in days: the bounds and what is said past them.
CADENCE_MIN, CADENCE_MAX = 1, 365
CADENCE_RANGE = _("Choose between 1 and 365 days.")


class TeamMemberQuerySet(models.QuerySet["TeamMember"]):
    def active(self) -> TeamMemberQuerySet:
        return self.filter(active=True)


class TeamMember(models.Model):
    """A person on the child's team. Not necessarily someone who logs in."""

    class Role(models.TextChoices):
        GENERAL_ED = "general_ed", _("General education teacher")
        SPECIAL_ED = "special_ed", _("Special education teacher")
        CASE_MANAGER = "case_manager", _("Case manager")
        SPEECH = "speech", _("Speech-language pathologist")
        OT = "ot", _("Occupational therapist")
        PT = "pt", _("Physical therapist")
        PSYCHOLOGIST = "psychologist", _("School psychologist")
        ADMINISTRATOR = "administrator", _("Administrator")
        PARA = "para", _("Paraprofessional")
        COUNSELOR = "counselor", _("Counselor")
        OUTSIDE_THERAPIST = "outside_therapist", _("Outside therapist")
        ADVOCATE = "advocate", _("Advocate")
        PARENT = "parent", _("Parent / guardian")
        OTHER = "other", _("Other")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="team_members")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    role_other = models.CharField(
        _("role, if other"), max_length=120, blank=True, help_text=_("For example: nurse.")
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=12, choices=Channel.choices, default=Channel.EMAIL
    )
    language = models.CharField(
        _("language for messages"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Drafts written to them start in this language."),
    )
    best_times = models.CharField(
        _("best times to reach"),
        max_length=200,
        blank=True,
        help_text=_("For example: after 3:15 pm, not on Mondays."),
    )
    communication_style = models.TextField(_("communication style"), max_length=2000, blank=True)
    constraints = models.TextField(
        _("constraints"),
        max_length=2000,
        blank=True,
        help_text=_("Caseload, schedule, anything that limits what they can do."),
    )
    strengths = models.TextField(_("strengths noticed"), max_length=2000, blank=True)
    cadence_days = models.PositiveSmallIntegerField(
        _("check in every (days)"),
        default=14,
        validators=[
            MinValueValidator(CADENCE_MIN, message=CADENCE_RANGE),
            MaxValueValidator(CADENCE_MAX, message=CADENCE_RANGE),
        ],
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        indexes = [models.Index(fields=["workspace", "active", "name"], name="team_member_active")]

    def __str__(self) -> str:
        return self.name

    @property
    def role_label(self) -> str:
        if self.role == self.Role.OTHER and self.role_other:
            return self.role_other
        return str(label_of(self.Role, self.role))

    @property
    def preferred_channel_label(self) -> str:
        """`get_preferred_channel_display()`, without translating every channel each time."""
        return str(label_of(Channel, self.preferred_channel))
