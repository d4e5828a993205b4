"""A person's calendar feed: the secret part of its address, and what its titles may say."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """One per user, made when they first ask for an address.

    `nonce` is random; the address carries it with an HMAC of it under the secret key
    (`keys.py`), so the database alone is not enough to subscribe. A reset draws a new
    nonce: the old address no longer matches any row.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    nonce = models.CharField(max_length=32, unique=True, editable=False)
    names_in_titles = models.BooleanField(
        _("Name the child in event titles"),
        default=False,
        help_text=_(
            "Off, titles say only what the date is (“Annual IEP review due”). On, they also "
            "name the child and say what an action item is. Calendars get shared: leave it "
            "off if others can see yours."
        ),
    )
    # When the current address was made (a reset makes a new one).
    made_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"
