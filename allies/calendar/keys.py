"""The secret part of a calendar feed's address.

A calendar app fetches the feed with no session, so the address is the only credential.
It is `nonce + mac`: a random nonce (`secrets`, 128 bits) that the database keeps, and an
HMAC-SHA256 of it under the secret key that it does not. Someone who reads the database
(a backup, a copy) learns nonces but cannot make an address from one; the owner's page
can still show the address again, which a one-way hash of a random token would not
allow. A reset draws a new nonce, so the old address stops at once. Changing the secret
key changes every address (the old key in `SECRET_KEY_FALLBACKS` keeps them working).
"""

from __future__ import annotations

import base64
import re
import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

NONCE_CHARS = 22  # secrets.token_urlsafe(16)
MAC_CHARS = 43  # 32 bytes in URL-safe base64, unpadded
_SALT = "allies.calendar.feed"
_KEY = re.compile(rf"[A-Za-z0-9_-]{{{NONCE_CHARS + MAC_CHARS}}}")


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def _mac(nonce: str, secret: str | bytes | None = None) -> str:
    digest = salted_hmac(_SALT, nonce, secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def key_for(nonce: str) -> str:
    """The address's secret for `nonce`, under the current secret key."""
    return nonce + _mac(nonce)


def nonce_of(key: str) -> str | None:
    """The nonce a well-formed key carries; None for anything that cannot be a key."""
    if not _KEY.fullmatch(key):
        return None
    return key[:NONCE_CHARS]


def key_matches(key: str, nonce: str) -> bool:
    """Whether `key` is the secret for `nonce` under the secret key or a previous one."""
    mac = key[NONCE_CHARS:]
    secrets_in_use = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(mac, _mac(nonce, secret)) for secret in secrets_in_use)
