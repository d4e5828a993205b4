"""An entry's card written in Python is what `log/_entry.html` wrote when pages included it.

REFERENCE is that template as it was; `Interaction.card` (log/cards.py) replaced it.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
from django.template import Context, Engine
from django.utils import timezone, translation

from allies.log.models import Interaction, Purpose
from allies.log.services import interaction_edit, interaction_withdraw
from tests.support import make_entry, make_member

REFERENCE = (
    "{% load i18n %}\n"
    '<article class="entry{% if entry.is_withdrawn %} withdrawn{% endif'
    ' %}">\n'
    '  <header class="entry-meta">\n'
    "    <time datetime=\"{{ entry.occurred_at|date:'c' }}\">{{"
    ' entry.occurred_at|date:"SHORT_DATETIME_FORMAT" }}</time>\n'
    '    <span class="chip">{{ entry.get_channel_display }}</span>\n'
    '    <span class="tone tone-{{ entry.tone }}">{{'
    " entry.get_tone_display }}</span>\n"
    '    {% for p in entry.purpose_list %}<span class="chip purpose">{{'
    " p.label }}</span>{% endfor %}\n"
    '    {% if entry.is_edited %}<span class="badge">{% translate "edited"'
    " %}</span>{% endif %}\n"
    '    {% if entry.is_withdrawn %}<span class="badge badge-warn">{%'
    ' translate "withdrawn" %}</span>{% endif %}\n'
    "  </header>\n"
    '  <p class="entry-with">{% translate "With" %} {% for m in'
    " entry.participants.all %}{{ m.name }}{% if not forloop.last %}, {%"
    " endif %}{% empty %}—{% endfor %}</p>\n"
    '  <p class="entry-summary">{{ entry.summary|truncatechars:400|linebrea'
    "ksbr }}</p>\n"
    '  <footer class="entry-foot">\n'
    '    {% if entry.follow_up_due %}<span>{% translate "Follow up by" %}'
    " <time datetime=\"{{ entry.follow_up_due|date:'Y-m-d' }}\">{{"
    ' entry.follow_up_due|date:"SHORT_DATE_FORMAT" }}</time></span>{%'
    " endif %}\n"
    '    <a href="{% url \'entry_detail\' entry.pk %}">{% translate "Open'
    ' entry" %}<span class="visually-hidden"> {{'
    ' entry.occurred_at|date:"SHORT_DATETIME_FORMAT" }}</span></a>\n'
    "  </footer>\n"
    "</article>\n"
)
TEMPLATE = Engine.get_default().from_string(REFERENCE)


def reference(entry: Interaction) -> str:
    return TEMPLATE.render(Context({"entry": entry}))


@pytest.fixture
def entries(workspace: Any, alice: Any) -> list[Interaction]:
    lee = make_member(workspace, "Ms. Lee")
    odd = make_member(workspace, '<b>O\'Neil & "Sons"</b>', role="other", role_other="Nurse")
    now = timezone.now()
    long = "Ca\u0301fe\u0301 " * 60 + "<script>x</script>"  # combining accents, over 400
    made = [
        make_entry(workspace, alice, [lee]),
        make_entry(
            workspace,
            alice,
            [odd, lee],
            occurred_at=now - datetime.timedelta(days=200, hours=5),
            channel="notebook",
            tone="difficult",
            purposes=int(Purpose.CONCERN | Purpose.QUESTION | Purpose.MEETING),
            summary="Line one\r\nline <two> & 'three'\n\nfour",
            follow_up_due=datetime.date(2027, 1, 31),
        ),
        make_entry(workspace, alice, [odd], summary=long, purposes=0, channel="in_person"),
        make_entry(workspace, alice, [lee], summary="x" * 400, tone="positive"),
        make_entry(workspace, alice, [lee], summary="y" * 401, direction="received"),
    ]
    edited = made[1]
    interaction_edit(
        interaction=edited,
        author=alice,
        participants=[odd, lee],
        summary=edited.summary + " (edited)",
    )
    interaction_withdraw(interaction=made[3], author=alice, reason="Wrong person")
    return made


@pytest.mark.parametrize(
    ("language", "zone"),
    [("en", "America/Chicago"), ("es", "Europe/Madrid"), ("en", "Pacific/Kiritimati")],
)
@pytest.mark.parametrize("prefetched", [True, False])
def test_the_card_is_what_the_template_wrote(
    entries: list[Interaction], language: str, zone: str, prefetched: bool
) -> None:
    rows = Interaction.objects.filter(pk__in=[e.pk for e in entries])
    if prefetched:
        rows = rows.prefetch_related("participants")
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo(zone)):
        for entry in rows:
            assert "\n" + entry.card + "\n" == reference(entry)


def test_an_unknown_channel_or_tone_shows_its_code(entries: list[Interaction]) -> None:
    entry = Interaction.objects.get(pk=entries[0].pk)
    entry.channel, entry.tone = "fax", "grumpy"
    assert "\n" + entry.card + "\n" == reference(entry)


def test_a_remembered_card_is_drawn_again_when_anything_on_it_changes(
    entries: list[Interaction],
) -> None:
    from allies.team.models import TeamMember

    def fresh(pk: int) -> Interaction:
        return Interaction.objects.get(pk=pk)

    pk = entries[0].pk
    first = fresh(pk).card
    assert fresh(pk).card == first  # remembered
    (person,) = fresh(pk).people()
    TeamMember.objects.filter(pk=person.pk).update(name="Someone <new>")
    renamed = fresh(pk)
    assert renamed.card != first and renamed.card == reference(renamed).strip("\n")
    with translation.override("es"):
        assert fresh(pk).card == reference(fresh(pk)).strip("\n")
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")):
        assert fresh(pk).card == reference(fresh(pk)).strip("\n")
    entry = fresh(pk)
    entry.summary = "Changed, not saved."
    assert "Changed, not saved." in entry.card
