from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class FormClaim(models.Model):
    """A create form's one-time token, claimed in the transaction of the write it allowed.

    The unique constraint is what makes a form save once: of any number of submits of
    one form, one inserts the claim and writes; the others find it (allies.core.once).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The workspace the form wrote to (its id: core points at no other app's model), or 0.
    scope = models.BigIntegerField()
    key = models.CharField(max_length=64)  # the token's SHA-256: a token's length is the client's
    # Where what the write made can be seen, for a submit that comes again.
    made_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "scope", "key"], name="core_formclaim_once")
        ]

    def __str__(self) -> str:
        return f"form claim {self.pk}"
