"""An entry as a card, the way the log, home and a member's page list it.

Written in Python rather than by a template included once per entry: the template took
about 0.4 ms a card (some 40 nodes, three date filters, choice labels translated in full
each time), which made the 25 cards of a log page most of its time. This writes the same
HTML as that template did (see the test): the same words (the same msgids),
translations as they are, everything else escaped. `Interaction.card` calls it;
`log/_entry.html` prints that.
"""

from __future__ import annotations

import functools
import html
import unicodedata
from typing import Any

from django.db.models import Model
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from allies.core.choices import Channel
from allies.core.rendering import date_text, esc, pk_url
from allies.team.models import TeamMember

from .models import Interaction, Purpose, Tone

SUMMARY_SHOWN = 400  # characters of the summary on a card


def entry_card(entry: Interaction) -> SafeString:
    """The card, remembered per entry, people, language, time zone and URL prefix: every
    value the card could show is in the key (all of the entry's and its people's
    columns), so a card drawn before is the card now; busy pages show the same ones."""
    members = entry.people()
    key = (
        translation.get_language(),
        timezone.get_current_timezone_name(),
        get_script_prefix(),
        get_urlconf(),
        tuple([getattr(entry, name) for name in _columns(Interaction)]),
        tuple([tuple([getattr(m, name) for name in _columns(TeamMember)]) for m in members]),
    )
    card = REMEMBERED.get(key)
    if card is None:
        if len(REMEMBERED) >= _KEPT:
            REMEMBERED.clear()
        card = REMEMBERED[key] = _draw(entry, members)
    return card


_KEPT = 2048
REMEMBERED: dict[tuple[Any, ...], SafeString] = {}  # key -> card, in this process


@functools.cache
def _columns(model: type[Model]) -> tuple[str, ...]:
    return tuple(f.attname for f in model._meta.concrete_fields)


def _draw(entry: Interaction, members: list[TeamMember]) -> SafeString:
    words = _words(translation.get_language())
    withdrawn = entry.withdrawn_at is not None
    local = timezone.localtime(entry.occurred_at)
    when = esc(date_text(local, "SHORT_DATETIME_FORMAT"))
    people = ", ".join([esc(m.name) for m in members]) or "—"
    follow_up = ""
    if entry.follow_up_due:
        due = entry.follow_up_due
        follow_up = (
            f"<span>{words['follow_up_by']} "
            f'<time datetime="{esc(date_text(due, "Y-m-d"))}">'
            f"{esc(date_text(due, 'SHORT_DATE_FORMAT'))}</time></span>"
        )
    channel = words["channels"].get(entry.channel, entry.channel)
    tone = words["tones"].get(entry.tone, entry.tone)
    html = (
        f'<article class="entry{" withdrawn" if withdrawn else ""}">\n'
        '  <header class="entry-meta">\n'
        f'    <time datetime="{esc(local.isoformat())}">{when}</time>\n'
        f'    <span class="chip">{esc(channel)}</span>\n'
        f'    <span class="tone tone-{esc(entry.tone)}">{esc(tone)}</span>\n'
        f"    {_purpose_chips(entry.purposes, words)}\n"
        f"    {words['edited'] if entry.is_edited else ''}\n"
        f"    {words['withdrawn'] if withdrawn else ''}\n"
        "  </header>\n"
        f'  <p class="entry-with">{words["with"]} {people}</p>\n'
        f'  <p class="entry-summary">{summary_shown(entry.summary)}</p>\n'
        '  <footer class="entry-foot">\n'
        f"    {follow_up}\n"
        f'    <a href="{esc(pk_url("entry_detail", entry.pk))}">{words["open"]}'
        f'<span class="visually-hidden"> {when}</span></a>\n'
        "  </footer>\n"
        "</article>"
    )
    # Translations go in as they are (as `{% translate %}` does); everything else is escaped.
    return mark_safe(html)  # noqa: S308


@functools.cache
def _words(language: str | None) -> dict[str, Any]:
    """The card's fixed words and labels in `language` (the active one when called)."""
    # gettext() outside the f-strings: makemessages does not look inside them.
    edited, withdrawn = gettext("edited"), gettext("withdrawn")
    return {
        "edited": f'<span class="badge">{edited}</span>',
        "withdrawn": f'<span class="badge badge-warn">{withdrawn}</span>',
        "with": gettext("With"),
        "follow_up_by": gettext("Follow up by"),
        "open": gettext("Open entry"),
        "channels": {value: str(label) for value, label in Channel.choices},
        "tones": {value: str(label) for value, label in Tone.choices},
        "chips": {},  # purpose bits -> their chips, filled as they come
    }


def _purpose_chips(bits: int, words: dict[str, Any]) -> str:
    chips: dict[int, str] = words["chips"]
    found = chips.get(bits)
    if found is None:
        found = chips[bits] = "".join(
            f'<span class="chip purpose">{esc(p.label)}</span>' for p in Purpose.from_bits(bits)
        )
    return found


def summary_shown(summary: str) -> str:
    """`summary|truncatechars:400|linebreaksbr`: Truncator counts character by character,
    which a summary short enough to show whole does not need; the line breaks as
    `linebreaksbr` makes them (CR LF and CR as LF, escaped, then each LF a <br>)."""
    text = unicodedata.normalize("NFC", summary)  # as Truncator does
    if len(text) > SUMMARY_SHOWN:
        text = Truncator(text).chars(SUMMARY_SHOWN)
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    return html.escape(lines).replace("\n", "<br>")
