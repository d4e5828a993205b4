"""Small pieces for HTML written in Python, each what a template would write, faster.

Pages that list many things (entries, team members, options) write those lists in Python
(`log/cards.py`, `relationships/figures.py`, `core/widgets.py`). Each helper here gives
exactly the template's result:
- `esc(value)` is `{{ value }}`'s escaping (`conditional_escape`) without the lazy-string
  wrapper Django puts around `escape`;
- `pk_url(name, pk)` is `{% url name pk %}` for a view taking one integer, without
  matching the URL patterns again for every row;
- `date_text(value, format)` is `{{ value|date:format }}`, remembered per value, format
  and language (a busy log shows the same days over and over).
"""

from __future__ import annotations

import datetime
import functools
import html
from typing import Any

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, timezone, translation
from django.utils.html import conditional_escape

# A number no real id reaches, to find where the id goes in a reversed URL.
_SENTINEL = "918273645546372819"


def esc(value: Any) -> str:
    """`conditional_escape(value)`: safe strings as they are, anything else escaped."""
    if type(value) is str:
        return html.escape(value)
    return str(conditional_escape(value))


def pk_url(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])` for a URL with one `<int:...>` part."""
    before, after = _url_around_pk(name, get_script_prefix(), get_urlconf())
    return f"{before}{int(pk)}{after}"


@functools.cache
def _url_around_pk(name: str, prefix: str, urlconf: str | None) -> tuple[str, str]:
    # `prefix` is in the key because reverse() puts the current script prefix in front.
    url = reverse(name, args=[int(_SENTINEL)], urlconf=urlconf)
    before, found, after = url.partition(_SENTINEL)
    if not found or _SENTINEL in after:
        raise ValueError(f"{name} does not take a single integer: {url}")
    return before, after


def date_text(value: datetime.date | datetime.datetime, format_name: str) -> str:
    """`value|date:format_name` in the active language and time zone (not escaped)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
        # Two aware datetimes at the same instant are equal whatever their zone: the key
        # is the wall-clock time with the zone's offset and name, all a format can show.
        key: tuple[Any, ...] = (value.replace(tzinfo=None), value.utcoffset(), value.tzname())
    else:
        key = (value,)
    key = (*key, format_name, translation.get_language())
    text = _dates.get(key)
    if text is None:
        text = formats.date_format(value, format_name)
        if len(_dates) >= _DATES_KEPT:
            _dates.clear()
        _dates[key] = text
    return text


_DATES_KEPT = 4096
_dates: dict[tuple[Any, ...], str] = {}
