"""The helpers for HTML written in Python give what the template would."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.template import Context, Engine
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import timezone, translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from allies.core.rendering import date_text, esc, pk_url

INSTANT = datetime.datetime(2026, 3, 29, 0, 30, tzinfo=datetime.UTC)  # Europe's change day


@pytest.mark.parametrize(
    "value",
    ["plain", "<a href='x'>&amp;\"</a>", mark_safe("<b>kept</b>"), 42, None, gettext_lazy("Email")],
)
def test_esc_is_conditional_escape(value: object) -> None:
    assert esc(value) == conditional_escape(value)


@pytest.mark.parametrize("name", ["entry_detail", "team_detail", "entry_edit"])
def test_pk_url_is_reverse(name: str) -> None:
    for pk in (1, 7, 1234567):
        assert pk_url(name, pk) == reverse(name, args=[pk])


def test_pk_url_follows_the_script_prefix() -> None:
    try:
        set_script_prefix("/allies/")
        assert pk_url("entry_detail", 5) == reverse("entry_detail", args=[5]) == "/allies/log/5/"
    finally:
        set_script_prefix("/")
    assert pk_url("entry_detail", 5) == "/log/5/"


def test_pk_url_refuses_a_url_without_one_integer() -> None:
    with pytest.raises(NoReverseMatch):
        pk_url("home", 1)


DATE_ONLY = ("SHORT_DATE_FORMAT", "DATE_FORMAT", "Y-m-d")
FORMATS = ["SHORT_DATETIME_FORMAT", "SHORT_DATE_FORMAT", "DATE_FORMAT", "c", "Y-m-d", "H:i T O"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_date_text_is_the_date_filter(language: str) -> None:
    template = Engine.get_default().from_string("{{ value|date:format }}")
    values: list[datetime.date] = [
        INSTANT + datetime.timedelta(minutes=30 * i) for i in range(8)
    ] + [datetime.date(2026, 12, 31), datetime.datetime(2026, 1, 2, 3, 4)]
    # The same instants in three zones: equal datetimes, different days and hours.
    for zone in ("Europe/Madrid", "America/Chicago", "Asia/Kolkata", "Europe/Madrid"):
        with translation.override(language), timezone.override(zoneinfo.ZoneInfo(zone)):
            for value in values:
                for fmt in FORMATS:
                    if type(value) is datetime.date and fmt not in DATE_ONLY:
                        continue  # the filter refuses times of day for a date
                    expected = template.render(Context({"value": value, "format": fmt}))
                    assert conditional_escape(date_text(value, fmt)) == expected, (zone, value, fmt)
