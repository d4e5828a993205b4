from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from allies.workspaces.models import Workspace

SUBJECT_MAX = 200
BODY_MAX = 8_000  # with the subject, a draft logged as an entry stays within its summary


class MessageTemplate(models.Model):
    """A workspace's own wording of one message template in one language.

    Without a row, the shipped default (toolkit/defaults.py) is used; resetting a
    template deletes the row.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX)
    body = models.TextField(
        _("message"), max_length=BODY_MAX, validators=[MaxLengthValidator(BODY_MAX)]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "kind", "language"], name="one_template_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.language})"
