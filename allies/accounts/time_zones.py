"""Time zones as people name them: "Nueva York (Estados Unidos)", in the reader's language.

The settings page lists the time zones of the tz database by city and country, with the
names from CLDR (through Babel), sorted the way the reader's language sorts. What is
stored is still the IANA id ("America/New_York").
"""

from __future__ import annotations

import functools
import unicodedata
import zoneinfo
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_timezone_location

# Each language's names as written in the US: "Arabia Saudita", not Spain's "Arabia Saudí".
BABEL_LOCALES = {"en": "en_US", "es": "es_US"}
# The tz database's regions; the rest are legacy names ("US/Eastern", "EST5EDT", "Etc/GMT+5").
AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)


def babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(BABEL_LOCALES.get(language, language.replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(BABEL_LOCALES["en"])


@functools.cache
def _zone_ids() -> tuple[str, ...]:
    """One id per place: the tz database's zones less its old aliases ("Asia/Calcutta",
    "America/Buenos_Aires"), which CLDR maps to the current ones."""
    aliases: Mapping[str, str] = get_global("zone_aliases")
    return tuple(
        zone
        for zone in zoneinfo.available_timezones()
        if "/" in zone and zone.split("/", 1)[0] in AREAS and aliases.get(zone, zone) == zone
    )


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


def sort_key(text: str, language: str) -> tuple[str, str]:
    """Alphabetical order for `language`: case and accents do not count ("Ámsterdam" sorts
    with the A's), except that in Spanish ñ is a letter of its own, after n."""
    text = unicodedata.normalize("NFC", text)
    if language == "es":
        # U+10FFFF sorts after every letter, so "ñ…" comes after every "n…".
        key = "n\U0010ffff".join(_fold(part) for part in text.casefold().split("ñ"))
    else:
        key = _fold(text)
    return key, text


def zone_label(zone: str, language: str) -> str:
    """ "Nueva York (Estados Unidos)"; just the country where the city is named after it
    ("Puerto Rico", "Singapur"); the id itself if CLDR does not know the zone."""
    locale = babel_locale(language)
    try:
        city = get_timezone_location(zone, locale=locale, return_city=True)
    except LookupError:
        return zone
    aliases: Mapping[str, str] = get_global("zone_aliases")
    territory = get_global("zone_territories").get(aliases.get(zone, zone), "")
    country = locale.territories.get(territory) if len(territory) == 2 else None
    if not country:
        return str(city)
    if _fold(country) == _fold(city):
        return str(country)
    return f"{city} ({country})"


@functools.cache
def _choices(language: str) -> tuple[tuple[str, str], ...]:
    labelled = sorted(
        ((zone, zone_label(zone, language)) for zone in _zone_ids()),
        key=lambda choice: sort_key(choice[1], language),
    )
    return (*labelled, ("UTC", "UTC"))


def time_zone_choices(language: str, current: str = "") -> list[tuple[str, str]]:
    """The zones to choose from, named in `language`. A `current` zone not in the list
    (a legacy name such as "US/Eastern") comes first under its id, so that saving the form
    without touching it keeps it."""
    choices = list(_choices(language.split("-")[0]))
    if current and all(zone != current for zone, _label in choices):
        choices.insert(0, (current, current))
    return choices
