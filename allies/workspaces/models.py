from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Workspace(models.Model):
    """The tenancy and privacy boundary: a family's, or a school's."""

    class Kind(models.TextChoices):
        FAMILY = "family", _("Family")
        SCHOOL = "school", _("School")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FAMILY)
    created_at = models.DateTimeField(auto_now_add=True)
    # The last sequence number handed to a revision of this workspace's log; revisions are
    # numbered without gaps so an export can show that none was removed.
    log_seq = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")
        VIEWER = "viewer", _("Viewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "workspace"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.workspace} as {self.role}"

    @property
    def can_write(self) -> bool:
        return self.role in {self.Role.OWNER, self.Role.EDITOR}

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER
