"""Spanish for families in the US: Django's own messages in Latin American wording with
"usted", months and days in lower case, time zones named by city in the reader's language.

Django's strings are overridden in allies/locale_django/es/LC_MESSAGES/django.po, which
is listed first in LOCALE_PATHS (Allies' own strings stay in allies/locale).
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from pathlib import Path
from typing import Any

import django
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from allies.core.dates import month_label
from conftest import client_for, make_entry, make_member, make_user

ALLIES = Path(settings.BASE_DIR)
OVERRIDES = ALLIES / "locale_django" / "es" / "LC_MESSAGES" / "django.po"
OWN = ALLIES / "locale" / "es" / "LC_MESSAGES" / "django.po"
DJANGO = Path(django.__file__).parent
DJANGO_CATALOGS = [
    DJANGO / "conf" / "locale" / "es" / "LC_MESSAGES" / "django.mo",
    DJANGO / "contrib" / "auth" / "locale" / "es" / "LC_MESSAGES" / "django.mo",
]
# Spain's wording, which families in the US do not use: "introduzca" (type in), "clave"
# (password), "vosotros" forms, "escoja" (choose), "contraseña antigua" (current password).
SPAIN = re.compile(
    r"ntroduzc|ntroduci|\bclave\b|vuestr|vosotros|\bescoja\b|contraseña antigua", re.I
)
# A month or weekday abbreviation with a capital: Spanish writes them in lower case.
CAPITALISED = re.compile(
    r"\b(Ene|Feb|Mar|Abr|May|Jun|Jul|Ago|Sep|Oct|Nov|Dic|Lun|Mié|Jue|Vie|Sáb|Dom)\b"
)


# ---------------------------------------------------------------- dates

DAY = datetime.datetime(2026, 11, 29, 8, 19)  # a Sunday

DATES = [
    ("DATE_FORMAT", "29 November 2026", "29 de noviembre de 2026"),
    ("SHORT_DATE_FORMAT", "29 Nov 2026", "29 nov 2026"),
    ("DATETIME_FORMAT", "Sunday 29 November 2026, 08:19", "domingo 29 de noviembre de 2026, 08:19"),
    ("SHORT_DATETIME_FORMAT", "Sun 29 Nov 2026, 08:19", "dom 29 nov 2026, 08:19"),
    ("YEAR_MONTH_FORMAT", "November 2026", "noviembre de 2026"),
]


@pytest.mark.parametrize(("name", "english", "spanish"), DATES)
def test_each_date_format_in_each_language(name: str, english: str, spanish: str) -> None:
    with translation.override("en"):
        assert date_format(DAY, name) == english
    with translation.override("es"):
        assert date_format(DAY, name) == spanish


def test_a_chart_month_is_capitalised_in_english_only() -> None:
    with translation.override("en"):
        assert month_label(DAY.date()) == "Nov"
    with translation.override("es"):
        assert month_label(DAY.date()) == "nov"


def test_no_spanish_month_or_weekday_has_a_capital() -> None:
    days = [DAY + datetime.timedelta(days=n) for n in range(7)]
    days += [DAY.replace(day=1, month=m) for m in range(1, 13)]
    with translation.override("es"):
        for day in days:
            for name, _english, _spanish in DATES:
                shown = date_format(day, name)
                assert shown == shown.lower(), (name, shown)
            assert month_label(day.date()) == month_label(day.date()).lower()


def test_spanish_pages_show_dates_in_lower_case(workspace: Any, alice: Any) -> None:
    from allies.workspaces.services import membership_add

    rosa = make_user("rosa@example.com", language="es", time_zone="America/New_York")
    membership_add(workspace=workspace, user=rosa, role="editor")
    lee = make_member(workspace, "Ms. Lee")
    friday = datetime.datetime(2025, 11, 28, 8, 19, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    entry = make_entry(
        workspace, alice, [lee], occurred_at=friday, follow_up_due=datetime.date(2025, 12, 1)
    )
    client = client_for(rosa)
    pages = {
        "/log/": ["vie 28 nov 2025, 08:19", "1 dic 2025"],
        f"/log/{entry.pk}/": ["viernes 28 de noviembre de 2025, 08:19", "1 de diciembre de 2025"],
        "/team/": ["28 nov 2025"],
        "/relationships/": [],  # the charts' months
    }
    for url, dates in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for shown in dates:
            assert shown in html, f"{shown!r} missing from {url}"
        assert not CAPITALISED.findall(html), (url, CAPITALISED.findall(html))
