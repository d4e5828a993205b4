"""The figures written in Python say exactly what the template included per cell said.

REFERENCE is `relationships/_figures.html` as it was when the pages included it once per
table cell; `MemberHealth.figure_*` and `Rollup.figure_*` replaced it (figures.py).
"""

from __future__ import annotations

import datetime
import itertools
import zoneinfo
from typing import Any

import pytest
from django.template import Context, Engine
from django.utils import timezone, translation

from allies.relationships.health import MemberHealth, Rollup
from allies.team.models import TeamMember

REFERENCE = (
    '{% load i18n %}{% if what == "positive" %}{% blocktranslate count n=h.positive %}{{ n }} '
    "positive{% plural %}{{ n }} positive{% endblocktranslate %} · {% blocktranslate count "
    "n=h.concerns %}{{ n }} concern{% plural %}{{ n }} concerns{% endblocktranslate %}{% elif "
    'what == "reciprocity" %}{% blocktranslate with they=h.they_started you=h.you_started %}'
    'they {{ they }} · you {{ you }}{% endblocktranslate %}{% elif what == "follow_ups" %}'
    "{% if h.follow_ups_past_due or h.follow_ups_due %}{% if h.follow_ups_past_due %}<span "
    'class="status status-overdue">{% blocktranslate count n=h.follow_ups_past_due %}{{ n }} '
    "past due{% plural %}{{ n }} past due{% endblocktranslate %}</span>{% endif %}{% if "
    "h.follow_ups_past_due and h.follow_ups_due %} · {% endif %}{% if h.follow_ups_due %}"
    "{% blocktranslate count n=h.follow_ups_due %}{{ n }} due this week{% plural %}{{ n }} due "
    'this week{% endblocktranslate %}{% endif %}{% else %}—{% endif %}{% elif what == "last" %}'
    "{% if h.last_contact %}<time datetime=\"{{ h.last_contact|date:'c' }}\">{{ "
    'h.last_contact|date:"SHORT_DATE_FORMAT" }}</time> <span class="muted">({% if '
    'h.days_since == 0 %}{% translate "today" %}{% else %}{% blocktranslate count '
    "d=h.days_since %}{{ d }} day ago{% plural %}{{ d }} days ago{% endblocktranslate %}{% endif "
    '%})</span>{% else %}<span class="muted">{% translate "No contact logged yet" %}</span>'
    "{% endif %}{% endif %}"
)
TEMPLATE = Engine.get_default().from_string(REFERENCE)
TODAY = datetime.date(2026, 3, 9)  # the day after the US clocks changed
COUNTS = [0, 1, 2, 15, 1234]


def reference(h: Any, what: str) -> str:
    return TEMPLATE.render(Context({"h": h, "what": what}))


@pytest.fixture(params=[("en", "America/Chicago"), ("es", "Europe/Madrid"), ("en", "UTC")])
def reader(request: Any) -> Any:
    language, zone = request.param
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo(zone)):
        yield


@pytest.mark.usefixtures("reader")
def test_counts() -> None:
    for a, b in itertools.product(COUNTS, repeat=2):
        rows = [
            MemberHealth(
                member=TeamMember(),
                today=TODAY,
                positive=a,
                concerns=b,
                they_started=a,
                you_started=b,
                follow_ups_past_due=a,
                follow_ups_due=b,
            ),
            Rollup(
                positive=a,
                concerns=b,
                they_started=a,
                you_started=b,
                follow_ups_past_due=a,
                follow_ups_due=b,
            ),
        ]
        for h in rows:
            assert h.figure_positive == reference(h, "positive")
            assert h.figure_reciprocity == reference(h, "reciprocity")
            assert h.figure_follow_ups == reference(h, "follow_ups")


@pytest.mark.usefixtures("reader")
def test_last_contact() -> None:
    midnight = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time()))
    times = [None] + [
        midnight + datetime.timedelta(hours=hours) for hours in (-24 * 400, -49, -25, -1, 0, 1, 11)
    ]
    for when in times:
        h = MemberHealth(member=TeamMember(), today=TODAY, last_contact=when)
        assert h.figure_last == reference(h, "last"), when
