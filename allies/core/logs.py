"""Keep the keys that some addresses carry out of the log.

A personal link to confirm a meeting's summary (/confirm/<meeting>/<token>/), a
password reset link (/password/reset/<uid>/<token>/) and a calendar feed's address
(/feeds/calendar/<key>.ics) are keys: whoever reads them can answer, set a password, or
read someone's dates. Django names the path of every request that fails with a
5xx ("Internal Server Error: /confirm/12/eyJ…/"), and so does the development server's
request line; this filter, on every handler, puts a placeholder where the key was.
"""

from __future__ import annotations

import logging
import re

HIDDEN = "[key hidden]"

# Each address that carries a key, up to the key, and the key itself.
_KEYS = re.compile(
    r"(?P<before>/confirm/[^/\s?#]*/|/password/reset/[^/\s?#]*/|/feeds/calendar/)"
    r"(?P<key>[^/\s?#\"']+)"
)


def without_keys(text: str) -> str:
    """`text` with the key of each keyed address replaced by a placeholder."""
    return _KEYS.sub(lambda m: f"{m['before']}{HIDDEN}", text)


class HideKeys(logging.Filter):
    """Rewrites a record's message when it names a keyed address; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = without_keys(message)
        if hidden != message:
            record.msg, record.args = hidden, None
        return True
