"""Spanish for families in the US: Django's own messages in Latin American wording with
"usted", months and days in lower case, time zones named by city in the reader's language.

Django's strings are overridden in allies/locale_django/es/LC_MESSAGES/django.po, which
is listed first in LOCALE_PATHS (Allies' own strings stay in allies/locale).
"""

from __future__ import annotations

import datetime
import gettext
import re
import shutil
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django
import pytest
from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation as pv
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.validators import MaxValueValidator, MinValueValidator
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format

from allies.accounts.models import User
from allies.accounts.time_zones import sort_key, time_zone_choices, zone_label
from allies.core.dates import month_label
from allies.home.tests.test_i18n import PLACEHOLDER, Key, po_header, read_po
from tests.support import PASSWORD, client_for, make_entry, make_member, make_user

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


# ---------------------------------------------------------------- Django's own strings


@pytest.fixture(scope="module")
def overrides() -> dict[Key, dict[str, Any]]:
    return read_po(OVERRIDES)


def test_the_overrides_catalog_comes_first_and_is_spanish() -> None:
    assert settings.LOCALE_PATHS[0] == OVERRIDES.parents[2]
    assert OWN.parents[2] in settings.LOCALE_PATHS
    header = po_header(OVERRIDES)
    assert "Language: es\n" in header and "charset=UTF-8" in header
    assert OVERRIDES.read_text(encoding="utf-8").startswith("# Overrides of Django's own")


def test_each_override_is_a_django_string_and_none_is_an_allies_one(
    overrides: dict[Key, Any],
) -> None:
    django_msgids: set[str] = set()
    for mo in DJANGO_CATALOGS:
        with mo.open("rb") as fh:
            catalog = gettext.GNUTranslations(fh)._catalog
        django_msgids |= {k[0] if isinstance(k, tuple) else k for k in catalog}
    # A Django upgrade that rewords a string leaves its override behind: it shows here.
    stale = [msgid for (_c, msgid, _p) in overrides if msgid not in django_msgids]
    assert not stale, f"no longer Django strings (copy the new msgid from Django): {stale}"
    # Allies' own strings belong in allies/locale, which `make messages` keeps current.
    both = sorted(k[1] for k in set(overrides) & set(read_po(OWN)))
    assert not both, f"in both catalogs: {both}"


def test_each_override_is_translated_keeps_its_placeholders_and_speaks_us_spanish(
    overrides: dict[Key, Any],
) -> None:
    assert len(overrides) >= 20
    for (_ctxt, msgid, plural), entry in overrides.items():
        assert "fuzzy" not in entry["flags"], msgid
        sources = {0: msgid, 1: plural} if plural is not None else {0: msgid}
        for n, source in sources.items():
            translated = entry["msgstr"].get(n, "")
            assert translated.strip(), f"{source!r} has no msgstr[{n}]"
            assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(source)), (
                source
            )
            assert not SPAIN.search(translated), translated


def test_each_override_is_what_gettext_gives_in_spanish(overrides: dict[Key, Any]) -> None:
    """Compiled (`make setup`) and ahead of Django's catalogs, whatever their plural rules."""
    with translation.override("es"):
        for (_ctxt, msgid, plural), entry in overrides.items():
            if plural is None:
                assert translation.gettext(msgid) == entry["msgstr"][0]
            else:
                assert translation.ngettext(msgid, plural, 1) == entry["msgstr"][0]
                assert translation.ngettext(msgid, plural, 8) == entry["msgstr"][1]


def errors(check: Callable[[], object]) -> str:
    try:
        check()
    except ValidationError as error:
        return " ".join(error.messages)
    raise AssertionError("no error")


def form_errors(form: forms.BaseForm, field: str) -> str:
    assert not form.is_valid()
    return " ".join(form.errors[field])


# Each override as Django really produces it: (msgid, the message, what Spanish shows).
def real_messages(user: Any) -> list[tuple[str, Callable[[], str], str]]:
    change_fields = auth_forms.PasswordChangeForm(user).fields
    return [
        (
            "Password confirmation",
            lambda: str(auth_forms.BaseUserCreationForm.base_fields["password2"].label),
            "Confirme la contraseña",
        ),
        (
            "New password confirmation",
            lambda: str(change_fields["new_password2"].label),
            "Confirme la contraseña nueva",
        ),
        ("Old password", lambda: str(change_fields["old_password"].label), "Contraseña actual"),
        (
            "Enter the same password as before, for verification.",
            lambda: str(change_fields["new_password2"].help_text),
            "Escriba la misma contraseña otra vez, para confirmarla.",
        ),
        (
            "The two password fields didn’t match.",
            lambda: form_errors(
                auth_forms.SetPasswordForm(
                    user, {"new_password1": PASSWORD, "new_password2": PASSWORD + "!"}
                ),
                "new_password2",
            ),
            "Las dos contraseñas no coinciden.",
        ),
        (
            "Your old password was entered incorrectly. Please enter it again.",
            lambda: form_errors(
                auth_forms.PasswordChangeForm(
                    user,
                    {"old_password": "wrong", "new_password1": "a" * 20, "new_password2": "a" * 20},
                ),
                "old_password",
            ),
            "La contraseña actual no es correcta. Escríbala de nuevo.",
        ),
        (
            "This password is too short. It must contain at least %d character.",
            lambda: errors(lambda: pv.MinimumLengthValidator().validate("Tq9#")),
            "Esta contraseña es demasiado corta. Debe tener al menos 8 caracteres.",
        ),
        (
            "This password is too short. It must contain at least %d character.",
            lambda: errors(lambda: pv.MinimumLengthValidator(min_length=1).validate("")),
            "Esta contraseña es demasiado corta. Debe tener al menos 1 carácter.",
        ),
        (
            "Your password must contain at least %(min_length)d character.",
            lambda: pv.MinimumLengthValidator().get_help_text(),
            "Su contraseña debe tener al menos 8 caracteres.",
        ),
        (
            "The password is too similar to the %(verbose_name)s.",
            lambda: errors(
                lambda: pv.UserAttributeSimilarityValidator().validate(user.email, user)
            ),
            "La contraseña se parece demasiado a su correo electrónico.",
        ),
        (
            "Your password can’t be too similar to your other personal information.",
            lambda: pv.UserAttributeSimilarityValidator().get_help_text(),
            "Su contraseña no puede parecerse demasiado a sus otros datos personales.",
        ),
        (
            "Your password can’t be a commonly used password.",
            lambda: pv.CommonPasswordValidator().get_help_text(),
            "Su contraseña no puede ser una contraseña de uso común.",
        ),
        (
            "This password is entirely numeric.",
            lambda: errors(lambda: pv.NumericPasswordValidator().validate("20261129")),
            "Esta contraseña tiene solo números.",
        ),
        (
            "Your password can’t be entirely numeric.",
            lambda: pv.NumericPasswordValidator().get_help_text(),
            "Su contraseña no puede tener solo números.",
        ),
        (
            "Enter a valid email address.",
            lambda: errors(lambda: forms.EmailField().clean("rosa at example")),
            "Escriba un correo electrónico válido.",
        ),
        (
            "Enter a valid date.",
            lambda: errors(lambda: forms.DateField().clean("mañana")),
            "Escriba una fecha válida.",
        ),
        (
            "Enter a valid date/time.",
            lambda: errors(lambda: forms.DateTimeField().clean("ayer")),
            "Escriba una fecha y hora válidas.",
        ),
        (
            "Enter a whole number.",
            lambda: errors(lambda: forms.IntegerField().clean("dos")),
            "Escriba un número entero.",
        ),
        (
            "Select a valid choice. %(value)s is not one of the available choices.",
            lambda: errors(lambda: forms.ChoiceField(choices=[("a", "A")]).clean("b")),
            "Elija una opción válida. b no es una de las opciones disponibles.",
        ),
        (
            "Select a valid choice. That choice is not one of the available choices.",
            lambda: errors(lambda: forms.ModelChoiceField(User.objects.none()).clean("1")),
            "Elija una opción válida. Esa opción no es una de las disponibles.",
        ),
        (
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            lambda: errors(lambda: forms.CharField(max_length=3).clean("abcd")),
            "Asegúrese de que este valor tenga como máximo 3 caracteres (tiene 4).",
        ),
        (
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            lambda: errors(lambda: forms.CharField(max_length=1).clean("ab")),
            "Asegúrese de que este valor tenga como máximo 1 carácter (tiene 2).",
        ),
        (
            "Ensure this value is greater than or equal to %(limit_value)s.",
            lambda: errors(lambda: MinValueValidator(1)(0)),
            "Asegúrese de que este valor sea mayor o igual a 1.",
        ),
        (
            "Ensure this value is less than or equal to %(limit_value)s.",
            lambda: errors(lambda: MaxValueValidator(365)(400)),
            "Asegúrese de que este valor sea menor o igual a 365.",
        ),
    ]


def test_each_override_is_what_django_shows_in_spanish(
    overrides: dict[Key, Any], alice: Any
) -> None:
    cases = real_messages(alice)
    # Every override has its real message checked here. (The log-in error is Allies' own,
    # in the main catalog: Django's says the email may be case-sensitive, which it is not.)
    assert {msgid for msgid, _m, _s in cases} == {k[1] for k in overrides}
    with translation.override("en"):
        english = [message() for _msgid, message, _spanish in cases]
    with translation.override("es"):
        for (msgid, message, spanish), before in zip(cases, english, strict=True):
            assert message() == spanish, msgid
            assert before != spanish


def test_the_log_in_error_in_spanish(alice: Any) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9").post(
        "/accounts/login/", {"username": alice.email, "password": "wrong"}
    )
    html = response.content.decode()
    assert (
        "Escriba un correo electrónico y una contraseña correctos. La contraseña distingue "
        "entre mayúsculas y minúsculas."
    ) in html
    assert "Introduzca" not in html and "clave" not in html


def test_the_account_pages_speak_us_spanish(alice: Any) -> None:
    """Every page about the account, blank and with its errors, without Spain's words."""
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="es")
    pages: list[tuple[Client, str, dict[str, str] | None]] = [
        (anonymous, "/accounts/login/", None),
        (anonymous, "/accounts/login/", {"username": "rosa at example", "password": ""}),
        (anonymous, "/accounts/signup/", None),
        (
            anonymous,
            "/accounts/signup/",
            {"email": "no", "password1": "12345678", "password2": "1234"},
        ),
        (anonymous, "/accounts/signup/", {"email": "lu@example.com", "password1": "lu@example"}),
        (anonymous, "/accounts/password/reset/", {"email": "no"}),
    ]
    alice.language = "es"
    alice.save(update_fields=["language"])
    signed_in = client_for(alice)
    pages += [
        (signed_in, "/accounts/password/change/", None),
        (
            signed_in,
            "/accounts/password/change/",
            {"old_password": "x", "new_password1": "123", "new_password2": "12"},
        ),
        (signed_in, "/accounts/settings/", {"display_name": "x" * 200, "time_zone": "Mars"}),
    ]
    for client, url, data in pages:
        response = client.get(url) if data is None else client.post(url, data)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="es">' in html, url
        assert not SPAIN.findall(html), (url, data, SPAIN.findall(html))


def test_make_messages_leaves_the_overrides_alone(tmp_path: Path, settings: Any) -> None:
    """`make messages` (makemessages in allies/) writes Allies' strings to allies/locale
    and never to the overrides, though these come first in LOCALE_PATHS."""
    copy = tmp_path / "allies"
    shutil.copytree(
        ALLIES, copy, ignore=shutil.ignore_patterns("tests", "static", "__pycache__", "*.mo")
    )
    settings.LOCALE_PATHS = [copy / "locale_django", copy / "locale"]
    catalog = copy / "locale" / "es" / "LC_MESSAGES" / "django.po"
    catalog.unlink()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(copy)
        call_command("makemessages", locale=["es"], no_obsolete=True, verbosity=0)
    assert (copy / OVERRIDES.relative_to(ALLIES)).read_bytes() == OVERRIDES.read_bytes()
    assert set(read_po(catalog)) == set(read_po(OWN))


# ---------------------------------------------------------------- time zones


def test_zones_are_named_by_city_and_country_in_the_readers_language() -> None:
    assert zone_label("America/New_York", "es") == "Nueva York (Estados Unidos)"
    assert zone_label("America/New_York", "en") == "New York (United States)"
    assert zone_label("America/Los_Angeles", "es") == "Los Ángeles (Estados Unidos)"
    assert zone_label("America/Mexico_City", "es") == "Ciudad de México (México)"
    assert zone_label("America/Puerto_Rico", "es") == "Puerto Rico"
    # US Spanish: "Arabia Saudita", not Spain's "Arabia Saudí".
    assert zone_label("Asia/Riyadh", "es") == "Riad (Arabia Saudita)"


def test_the_zone_list_has_one_entry_a_place_sorted_for_the_language() -> None:
    for language in ("en", "es"):
        choices = time_zone_choices(language)
        ids = [zone for zone, _label in choices]
        labels = [label for _zone, label in choices]
        assert len(set(labels)) == len(labels), "two zones under one name"
        assert "America/New_York" in ids and "UTC" in ids
        # Old aliases and legacy names are left out: they would repeat a place.
        assert not {"US/Eastern", "Asia/Calcutta", "America/Buenos_Aires", "EST5EDT"} & set(ids)
        assert all(zoneinfo.ZoneInfo(zone) for zone in ids)
        assert labels[:-1] == sorted(labels[:-1], key=lambda t: sort_key(t, language))
    es = [label for _zone, label in time_zone_choices("es")]
    # Accents do not count: Ámsterdam among the A's, not after the Z's.
    assert es.index("Ámsterdam (Países Bajos)") < es.index("Anchorage (Estados Unidos)")
    assert es.index("Los Ángeles (Estados Unidos)") < es.index("Louisville (Estados Unidos)")
    # ñ is a letter after n in Spanish.
    assert sort_key("Nube", "es") < sort_key("Ñandú", "es") < sort_key("Oso", "es")
    assert sort_key("Ñandú", "en") < sort_key("Nube", "en")


def preferences(user: Any, zone: str) -> dict[str, str]:
    return {"display_name": "", "language": user.language, "time_zone": zone, "digest": "off"}


def test_the_spanish_settings_page_names_zones_in_spanish_and_saves_the_iana_id(
    alice: Any,
) -> None:
    alice.language = "es"
    alice.save(update_fields=["language"])
    client = client_for(alice)
    html = client.get("/accounts/settings/").content.decode()
    assert '<option value="America/New_York" selected>Nueva York (Estados Unidos)</option>' in html
    assert '<option value="America/Los_Angeles">Los Ángeles (Estados Unidos)</option>' in html
    assert ">America/Chicago<" not in html and "New York" not in html
    response = client.post("/accounts/settings/", preferences(alice, "America/Los_Angeles"))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.time_zone == "America/Los_Angeles"


def test_the_english_settings_page_names_zones_in_english(alice: Any) -> None:
    html = client_for(alice).get("/accounts/settings/").content.decode()
    assert '<option value="America/New_York" selected>New York (United States)</option>' in html


def test_a_zone_not_in_the_list_is_a_form_error(alice: Any) -> None:
    alice.language = "es"
    alice.save(update_fields=["language"])
    for zone in ("Nowhere/Else", "US/Eastern", ""):
        response = client_for(alice).post("/accounts/settings/", preferences(alice, zone))
        assert response.status_code == 200, zone
        html = response.content.decode()
        expected = (
            f"Elija una opción válida. {zone} no es una de las opciones disponibles."
            if zone
            else "Este campo es obligatorio."
        )
        assert expected in html, zone
        alice.refresh_from_db()
        assert alice.time_zone == "America/New_York"


def test_a_legacy_zone_already_chosen_is_kept(alice: Any) -> None:
    """A legacy name (set by an older Allies, or ALLIES_TIME_ZONE) stays selectable, so
    saving other settings does not move anyone to another zone."""
    User.objects.filter(pk=alice.pk).update(time_zone="US/Eastern")
    alice.refresh_from_db()
    client = client_for(alice)
    html = client.get("/accounts/settings/").content.decode()
    assert '<option value="US/Eastern" selected>US/Eastern</option>' in html
    response = client.post(
        "/accounts/settings/", {**preferences(alice, "US/Eastern"), "display_name": "Al"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone) == ("Al", "US/Eastern")
