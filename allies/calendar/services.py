"""Writes to a person's calendar feed, and finding a feed by its address."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from allies.accounts.models import User

from . import keys
from .models import CalendarFeed


def feed_for_key(key: str) -> CalendarFeed | None:
    """The feed whose address carries `key`, with its user; None for a key that was
    reset, never made, or cannot be one (one query at most, none for a malformed key)."""
    nonce = keys.nonce_of(key)
    if nonce is None:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(nonce=nonce).first()
    if feed is None or not feed.user.is_active or not keys.key_matches(key, feed.nonce):
        return None
    return feed


@transaction.atomic
def calendar_feed_reset(*, user: User) -> CalendarFeed:
    """Make the user's address, or a new one in place of the old, which stops at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(
        user=user, defaults={"nonce": keys.new_nonce()}
    )
    if not created:
        feed.nonce = keys.new_nonce()
        feed.made_at = timezone.now()
        feed.full_clean()
        feed.save(update_fields=["nonce", "made_at"])
    return feed


@transaction.atomic
def calendar_feed_configure(*, user: User, names_in_titles: bool) -> CalendarFeed:
    """Save whether titles name the child (making the address, if there is none yet)."""
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(
        user=user, defaults={"nonce": keys.new_nonce()}
    )
    feed.names_in_titles = names_in_titles
    feed.full_clean()
    feed.save(update_fields=["names_in_titles"])
    return feed
