"""One spelling per email address, so one address is one account."""

from __future__ import annotations

import contextlib
import unicodedata

from django.utils.encoding import punycode


def normalize_email(value: str) -> str:
    """`value` trimmed and in lower case, its domain in IDNA's ASCII form.

    "Rosa@Exämple.com" and "rosa@xn--exmple-cua.com" are the same mailbox, so they are
    the same account: the domain is the ASCII form (what mail servers use, and what
    Django sends to), the part before the @ lower case in Unicode's composed form (Allies
    has always compared addresses without case). A domain IDNA cannot encode is only
    lower-cased; the email validator then says what is wrong with it.
    """
    value = unicodedata.normalize("NFC", value.strip())
    local, at, domain = value.rpartition("@")
    if not at:
        return value.lower()
    with contextlib.suppress(UnicodeError):
        domain = punycode(domain)
    return f"{local.lower()}@{domain.lower()}"
