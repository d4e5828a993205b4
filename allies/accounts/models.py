from __future__ import annotations

import functools
import zoneinfo
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.query import MAX_GET_RESULTS
from django.utils.translation import gettext_lazy as _

from allies.core.compiled import CompiledRead, Slot

from .emails import normalize_email


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        # Also what User.clean() calls, so every model form saving a user uses it.
        return normalize_email(email or "")

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=self.normalize_email(username))

    def get(self, *args: Any, **kwargs: Any) -> User:
        """`get(pk=...)`, which every signed-in request makes (the session's user),
        through a compiled read: the same statement, the same user or DoesNotExist."""
        pk = kwargs.get("pk")
        plain = not args and len(kwargs) == 1 and type(pk) is int and self._db is None
        if not plain or self.model is not User:
            # Anything else, and the historical models migrations use, as Django does it.
            return super().get(*args, **kwargs)
        found = _USER_BY_ID.objects(pk=pk)
        if not found:
            raise User.DoesNotExist("User matching query does not exist.")
        user: User = found[0]
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


@functools.cache
def _time_zone_names() -> tuple[str, ...]:
    # available_timezones() walks the tz database on disk (tens of ms): once is enough.
    return tuple(sorted(zoneinfo.available_timezones()))


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in _time_zone_names()]


def default_time_zone() -> str:
    return str(settings.TIME_ZONE)


class User(AbstractUser):
    """A person who logs in. Signs in with an email address; there is no username."""

    # Email is the login: Django's names are removed (the stubs type them as fields).
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("your name"), max_length=120, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=time_zone_choices, default=default_time_zone
    )

    class Digest(models.TextChoices):
        OFF = "off", _("Off")
        WEEKLY = "weekly", _("Weekly")

    # Nothing is emailed until the person asks for it.
    digest = models.CharField(
        _("weekly digest email"),
        max_length=8,
        choices=Digest.choices,
        default=Digest.OFF,
        help_text=_("This week's focus, who is due for a check-in and follow-ups coming up."),
    )

    # Where the user was last working, so logging in again opens that workspace and not
    # whichever comes first (a viewer seat in someone else's workspace, say).
    last_workspace = models.ForeignKey(
        "workspaces.Workspace",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    # When they asked for their account to be deleted: until `allies purge` does it,
    # GRACE_DAYS later, signing in offers only to keep the account (accounts.middleware).
    leaving_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()  # type: ignore[misc,assignment]  # a manager for email logins

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name or self.email.split("@")[0]


# What `User.objects.get(pk=pk)` sends (get() drops any ordering and asks for at most 21).
_USER_BY_ID = CompiledRead(
    lambda pk: User.objects.filter(pk=pk).order_by()[:MAX_GET_RESULTS], pk=Slot.ID
)
