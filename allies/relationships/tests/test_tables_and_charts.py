"""The table rows and chart parts written in Python are what the template loops wrote.

Each REFERENCE below is the loop as it was in the template (relationships.html,
home/_team_status.html, _chart.html) before `tables.py` and the `Chart` properties
replaced it.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.template import Context, Engine
from django.utils import timezone, translation

from allies.log.models import Purpose
from allies.relationships.charts import contacts_chart, tone_chart
from allies.relationships.health import team_health
from allies.relationships.tables import contact_rows, health_rows
from tests.support import make_entry, make_member

OLD_ROW = (
    '<th scope="row"><a href="{% url \'team_detail\' h.member.pk %}">{{ h.member.name }}</a>'
    '<br><small class="muted">{{ h.member.role_label }}</small></th>'
)
OLD_STATUS = '<span class="status status-{{ h.status_class }}">{{ h.status_label }}</span>'
HEALTH_LOOP = (
    "{% for h in rows %}\n    <tr>\n      " + OLD_ROW + "\n"
    '      <td data-label="{{ labels.status }}">' + OLD_STATUS + "</td>\n"
    '      <td data-label="{{ labels.last }}">{{ h.figure_last }}</td>\n'
    '      <td data-label="{{ labels.positive }}">{{ h.figure_positive }}</td>\n'
    '      <td data-label="{{ labels.reciprocity }}">{{ h.figure_reciprocity }}</td>\n'
    '      <td data-label="{{ labels.follow_ups }}">{{ h.figure_follow_ups }}</td>\n'
    "    </tr>\n  {% endfor %}"
)
CONTACT_LOOP = (
    "{% for h in contacts %}\n      <tr>\n        " + OLD_ROW + "\n"
    "        <td>{{ h.figure_last }}</td>\n"
    "        <td>" + OLD_STATUS + "</td>\n"
    "      </tr>\n    {% endfor %}"
)
LABELS = {
    "status": "Status",
    "last": "Last <contact>",
    "positive": 'Positive · "concern"',
    "reciprocity": "They & you",
    "follow_ups": "Follow-ups",
}


def render(source: str, **context: Any) -> str:
    return Engine.get_default().from_string(source).render(Context(context))


@pytest.fixture
def health(workspace: Any, alice: Any) -> Any:
    lee = make_member(workspace, "Ms. Lee")
    odd = make_member(workspace, "<b>O'Neil</b> & co", role="other", role_other='"Aide" <3>')
    make_member(workspace, "Nobody yet")
    now = timezone.now()
    for days, purposes in [(1, Purpose.APPRECIATION), (20, Purpose.CONCERN), (90, Purpose.VICTORY)]:
        make_entry(
            workspace,
            alice,
            [lee, odd] if days == 20 else [lee],
            occurred_at=now - datetime.timedelta(days=days),
            purposes=int(purposes),
            direction="received" if days == 90 else "sent",
            follow_up_due=timezone.localdate() + datetime.timedelta(days=3 - days),
        )
    return team_health(workspace, series=True)


@pytest.mark.parametrize("language", ["en", "es"])
def test_table_rows(health: Any, language: str) -> None:
    with translation.override(language):
        rows = health.members
        assert health_rows(rows, LABELS) == render(HEALTH_LOOP, rows=rows, labels=LABELS)
        assert contact_rows(rows) == render(CONTACT_LOOP, contacts=rows)


# _chart.html as it was, its loops and all.
CHART = (
    "{% load i18n %}\n"
    '<figure class="chart" aria-labelledby="{{ chart.slug }}-caption">\n'
    '  <svg viewBox="0 0 {{ chart.width }} {{ chart.height }}" role="img"'
    ' aria-labelledby="{{ chart.slug }}-title {{ chart.slug }}-desc"'
    ' focusable="false" xmlns="http://www.w3.org/2000/svg">\n'
    '    <title id="{{ chart.slug }}-title">{{ chart.title }}</title>\n'
    '    <desc id="{{ chart.slug }}-desc">{{ chart.summary }}</desc>\n'
    "    <defs>\n"
    '      <pattern id="{{ chart.slug }}-hatch" width="6" height="6"'
    ' patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\n'
    '        <rect width="6" height="6" class="hatch-bg"/><line x1="0"'
    ' y1="0" x2="0" y2="6" class="hatch-line"/>\n'
    "      </pattern>\n"
    "    </defs>\n"
    "    {% for y, value in chart.ticks %}\n"
    '    <line x1="{{ chart.left }}" x2="{{ chart.right_edge }}" y1="{{'
    " y|stringformat:'s' }}\" y2=\"{{ y|stringformat:'s' }}\""
    ' class="grid-line"/>\n'
    "    <text x=\"{{ chart.left|add:'-6' }}\" y=\"{{ y|stringformat:'s' }}\""
    ' class="axis-label" text-anchor="end" dominant-baseline="middle">{{'
    " value }}</text>\n"
    "    {% endfor %}\n"
    "    {% for bar in chart.bars %}\n"
    '    <rect x="{{ bar.x|stringformat:\'s\' }}" y="{{'
    " bar.y|stringformat:'s' }}\" width=\"{{ bar.width|stringformat:'s' }}\""
    ' height="{{ bar.height|stringformat:\'s\' }}" class="{{ bar.css }}"{%'
    " if bar.css == 'bar-concern' %} fill=\"url(#{{ chart.slug }}-hatch)\"{%"
    " endif %}><title>{{ bar.label }}</title></rect>\n"
    "    {% endfor %}\n"
    "    {% for x, label in chart.months %}\n"
    "    <text x=\"{{ x|stringformat:'s' }}\" y=\"{{ chart.baseline|add:'18'"
    ' }}" class="axis-label" text-anchor="middle">{{ label }}</text>\n'
    "    {% endfor %}\n"
    "  </svg>\n"
    '  <figcaption id="{{ chart.slug }}-caption"><strong>{{ chart.title'
    " }}.</strong> {{ chart.summary }}\n"
    '    {% if chart.series|length > 1 %}<span class="legend">{% for s in'
    ' chart.series %}<span class="legend-item"><span class="swatch {{'
    ' s.css }}" aria-hidden="true"></span>{{ s.label }}</span>{% endfor'
    " %}</span>{% endif %}\n"
    "  </figcaption>\n"
    '  <details class="chart-data">\n'
    '    <summary>{% translate "The numbers" %}</summary>\n'
    "    <table>\n"
    '      <caption class="visually-hidden">{{ chart.title }}</caption>\n'
    '      <thead><tr><th scope="col">{% translate "Month" %}</th>{% for s'
    ' in chart.series %}<th scope="col">{{ s.label }}</th>{% endfor'
    " %}</tr></thead>\n"
    "      <tbody>{% for month, values in chart.rows %}<tr><th"
    ' scope="row">{{ month }}</th>{% for v in values %}<td>{{ v }}</td>{%'
    " endfor %}</tr>{% endfor %}</tbody>\n"
    "    </table>\n"
    "  </details>\n"
    "</figure>\n"
)


@pytest.mark.parametrize("language", ["en", "es"])
def test_chart_parts(health: Any, language: str) -> None:
    with translation.override(language):
        for chart in (contacts_chart("a", health.series), tone_chart("b<", health.series)):
            new = render("{% include 'relationships/_chart.html' %}", chart=chart)
            assert new == render(CHART, chart=chart)
