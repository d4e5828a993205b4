"""Allies in Spanish: the catalog is complete and current, and pages follow the user's language.

The catalog is allies/locale/es/LC_MESSAGES/django.po; `make messages` refreshes and
compiles it, `make setup` (and so `make test`) compiles it.
"""

from __future__ import annotations

import ast
import datetime
import gettext
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from allies.log.services import interaction_edit, interaction_withdraw
from tests.support import PASSWORD, client_for, make_entry, make_member, make_student, make_user

ALLIES = Path(settings.BASE_DIR)
PO = ALLIES / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
# What a template or a format string leaves behind when a value or a translation is missing.
LEAKS = ("%(", "{{", "{%", "None")

Key = tuple[str | None, str, str | None]  # msgctxt, msgid, msgid_plural


def read_po(path: Path) -> dict[Key, dict[str, Any]]:
    """The entries of a .po file by (msgctxt, msgid, msgid_plural); the header is left out."""
    entries: dict[Key, dict[str, Any]] = {}
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry: dict[str, Any] = {"flags": set(), "msgstr": {}}
        field: tuple[str, int] = ("", 0)
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            else:
                found = re.match(
                    r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line
                )
                if found:
                    field = (found.group(1), int(found.group(2) or 0))
                    text = found.group(3)
                else:
                    text = line.strip()
                value = ast.literal_eval(text)
                if field[0] == "msgstr":
                    entry["msgstr"][field[1]] = entry["msgstr"].get(field[1], "") + value
                else:
                    entry[field[0]] = entry.get(field[0], "") + value
        if entry.get("msgid"):
            key = (entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural"))
            entries[key] = entry
    return entries


def po_header(path: Path) -> str:
    header = path.read_text(encoding="utf-8").split('msgid ""\nmsgstr ""\n', 1)[1]
    return "".join(ast.literal_eval(line) for line in header.split("\n\n", 1)[0].splitlines())


@pytest.fixture(scope="module")
def catalog() -> dict[Key, dict[str, Any]]:
    assert PO.exists(), f"{PO} is missing: run `make messages`"
    return read_po(PO)


def test_the_catalog_is_spanish_with_two_plural_forms() -> None:
    header = po_header(PO)
    assert "Language: es\n" in header
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header
    assert "charset=UTF-8" in header
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8").split("msgid", 1)[0]


def test_every_entry_is_translated_and_none_is_fuzzy(catalog: dict[Key, Any]) -> None:
    assert len(catalog) > 100
    fuzzy = [key[1] for key, entry in catalog.items() if "fuzzy" in entry["flags"]]
    assert not fuzzy, f"fuzzy entries in {PO.name}: {fuzzy}"
    untranslated = []
    for key, entry in catalog.items():
        forms = [0, 1] if key[2] is not None else [0]
        if any(not entry["msgstr"].get(n, "").strip() for n in forms):
            untranslated.append(key[1])
    assert not untranslated, f"entries without a Spanish translation: {untranslated}"


def test_every_translation_keeps_the_placeholders_of_its_source(catalog: dict[Key, Any]) -> None:
    wrong = []
    for (_ctxt, msgid, plural), entry in catalog.items():
        sources = {0: msgid, 1: plural} if plural is not None else {0: msgid}
        for n, source in sources.items():
            expected = sorted(PLACEHOLDER.findall(source.replace("%%", "")))
            found = sorted(PLACEHOLDER.findall(entry["msgstr"].get(n, "").replace("%%", "")))
            if found != expected:
                wrong.append(f"{source!r}: expected {expected}, msgstr[{n}] has {found}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_the_catalog_is_up_to_date_with_the_source(
    catalog: dict[Key, Any], tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """makemessages on a copy of the code finds exactly the strings the catalog has."""
    copy = tmp_path / "allies"
    shutil.copytree(
        ALLIES, copy, ignore=shutil.ignore_patterns("tests", "locale", "static", "__pycache__")
    )
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command(
        "makemessages",
        locale=["es"],
        no_obsolete=True,
        ignore_patterns=["tests", "*/tests/*"],
        verbosity=0,
    )
    fresh = set(read_po(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    missing = sorted(k[1] for k in fresh - set(catalog))
    stale = sorted(k[1] for k in set(catalog) - fresh)
    assert not missing and not stale, (
        f"{PO.name} is out of date; run `make messages` and translate.\n"
        f"Marked in the code but not in the catalog: {missing}\n"
        f"In the catalog but no longer in the code: {stale}"
    )


def test_the_compiled_catalog_matches_the_po(catalog: dict[Key, Any]) -> None:
    assert MO.exists(), f"{MO} is missing: run `make setup` (it compiles the catalog)"
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for (ctxt, msgid, plural), entry in catalog.items():
        if plural is not None:
            got = [
                compiled.npgettext(ctxt, msgid, plural, n)
                if ctxt
                else compiled.ngettext(msgid, plural, n)
                for n in (1, 2)
            ]
            want = [entry["msgstr"][0], entry["msgstr"][1]]
        else:
            got = [compiled.pgettext(ctxt, msgid) if ctxt else compiled.gettext(msgid)]
            want = [entry["msgstr"][0]]
        if got != want:
            stale.append(msgid)
    assert not stale, f"{MO.name} is older than {PO.name}: run `make setup`. Differs: {stale}"


# ---------------------------------------------------------------- pages in Spanish


@pytest.fixture
def team(workspace: Any, alice: Any) -> dict[str, Any]:
    """A workspace with something on every part of home, the log and the entry page."""
    now = timezone.now()
    student = make_student(
        workspace,
        grade="3",
        school="Lincoln Elementary",
        iep_start=datetime.date(2026, 1, 15),
        annual_review_due=datetime.date(2027, 1, 15),
    )
    lee = make_member(workspace, "Ms. Lee", cadence_days=14)
    park = make_member(workspace, "Dana Park", role="speech", preferred_channel="notebook")
    make_member(workspace, "Mr. Okafor", role="case_manager")  # never contacted: due
    make_entry(workspace, alice, [lee], occurred_at=now - datetime.timedelta(days=20))
    entry = make_entry(
        workspace,
        alice,
        [park],
        occurred_at=now - datetime.timedelta(days=2),
        student=student,
        follow_up_due=timezone.localdate() + datetime.timedelta(days=7),
    )
    interaction_edit(interaction=entry, author=alice, participants=[park], summary="Shared plan.")
    gone = make_entry(workspace, alice, [park], purposes=1 | 2, summary="Thanked them twice.")
    interaction_withdraw(interaction=gone, author=alice, reason="Logged twice.")
    return {"student": student, "lee": lee, "park": park, "entry": entry, "withdrawn": gone}


@pytest.fixture
def rosa(workspace: Any) -> Any:
    """The owner's co-parent, who reads Allies in Spanish."""
    from allies.workspaces.services import membership_add

    user = make_user("rosa@example.com", display_name="Rosa", language="es")
    membership_add(workspace=workspace, user=user, role="editor")
    return user


def page(client: Client, url: str, **extra: Any) -> str:
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def english_sentences(catalog: dict[Key, Any]) -> list[str]:
    """Source strings of three words or more that Spanish says differently."""
    return [
        msgid
        for (_c, msgid, _p), entry in catalog.items()
        if len(msgid.split()) >= 3
        and "%" not in msgid
        and "'" not in msgid
        and entry["msgstr"].get(0) != msgid
    ]


SPANISH_PAGES = {
    "/": [
        ("Home", "Inicio"),
        ("Latest entries", "Anotaciones recientes"),
        ("Log a contact", "Anotar un contacto"),
        ("Due for a check-in", "Es momento de contactar"),
        ("No contact logged yet", "Todavía no hay contacto anotado"),
        ("days since last contact", "días desde el último contacto"),
        ("Grade 3", "3.er grado"),
        ("Case manager", "Administrador/a de caso"),
        ("Log out", "Cerrar sesión"),
    ],
    "/log/?withdrawn=on": [
        ("Communication log", "Registro de comunicación"),
        ("Search summaries", "Buscar en los resúmenes"),
        ("Apply filters", "Aplicar filtros"),
        ("Include withdrawn entries", "Incluir anotaciones retiradas"),
        ("3 entries", "3 anotaciones"),
        ("Communication notebook", "Cuaderno de comunicación"),
        ("Appreciation", "Agradecimiento"),
        ("Open entry", "Abrir la anotación"),
    ],
    "/team/new/": [
        ("Add a team member", "Agregar un miembro del equipo"),
        ("Speech-language pathologist", "Patólogo/a del habla y lenguaje"),
        ("Occupational therapist", "Terapeuta ocupacional"),
        ("Paraprofessional", "Paraprofesional"),
        ("Preferred channel", "Medio preferido"),
        ("Check in every (days)", "Contactar cada (días)"),
        ("Save and add another", "Guardar y agregar otro"),
    ],
}


@pytest.mark.parametrize("url", SPANISH_PAGES)
def test_a_spanish_speaking_user_sees_the_page_in_spanish(
    catalog: dict[Key, Any], team: Any, rosa: Any, url: str
) -> None:
    html = page(client_for(rosa), url)
    assert '<html lang="es">' in html
    for english, spanish in SPANISH_PAGES[url]:
        assert spanish in html, f"{spanish!r} is missing from {url}"
        assert english not in html, f"{english!r} is still in English on {url}"
    leftovers = [s for s in english_sentences(catalog) if s in html]
    assert not leftovers, f"English left on {url}: {leftovers}"


def test_the_same_pages_stay_in_english_for_an_english_speaking_user(team: Any, alice: Any) -> None:
    client = client_for(alice)
    for url, pairs in SPANISH_PAGES.items():
        html = page(client, url)
        assert '<html lang="en">' in html
        for english, _spanish in pairs:
            assert english in html, f"{english!r} is missing from {url}"


def test_an_anonymous_visitor_whose_browser_asks_for_spanish_gets_the_spanish_login(
    db: Any,
) -> None:
    html = page(Client(), "/accounts/login/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert '<html lang="es">' in html
    for spanish in ("Iniciar sesión", "¿Olvidó su contraseña?", "Crear una cuenta", "Contraseña"):
        assert spanish in html
    for english in ("Log in", "Forgot your password?", "Create an account", "Password"):
        assert english not in html
    assert '<html lang="en">' in page(Client(), "/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")


def test_signing_up_from_a_spanish_page_keeps_spanish(db: Any) -> None:
    from allies.accounts.models import User

    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    response = client.post(
        "/accounts/signup/",
        {
            "email": "lucia@example.com",
            "display_name": "Lucía",
            "family_name": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        follow=True,
    )
    assert User.objects.get(email="lucia@example.com").language == "es"
    html = response.content.decode()
    assert "Le damos la bienvenida a Allies" in html
    # From now on the account's language decides, whatever the browser asks for.
    home = page(client, "/", HTTP_ACCEPT_LANGUAGE="en")
    assert "<h1>Mi familia</h1>" in home and "Anotaciones recientes" in home


def test_settings_switch_the_whole_interface_to_spanish_and_back(team: Any, alice: Any) -> None:
    client = client_for(alice)
    html = page(client, "/accounts/settings/")
    # Each language is offered in its own words, whatever the page's language.
    assert '<option value="es">Español</option>' in html
    assert '<option value="en" selected>English</option>' in html
    data = {
        "display_name": "Alice",
        "language": "es",
        "time_zone": "America/Chicago",
        "digest": "off",
    }
    response = client.post("/accounts/settings/", data, follow=True)
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Se guardó su configuración." in html
    assert "Your settings are saved." not in html
    assert "Configuración" in html and "Settings" not in html
    assert response.headers["Content-Language"] == "es"
    assert '<option value="en">English</option>' in html
    home = page(client, "/")
    assert "Anotaciones recientes" in home and "Latest entries" not in home
    response = client.post("/accounts/settings/", {**data, "language": "en"}, follow=True)
    assert "Your settings are saved." in response.content.decode()
    assert "Latest entries" in page(client, "/")


def test_the_password_reset_email_is_in_the_language_of_the_page(alice: Any) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.post("/accounts/password/reset/", {"email": alice.email})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Restablezca su contraseña de Allies"
    assert "Si fue usted, abra este enlace" in mail.outbox[0].body


def test_a_quick_add_is_confirmed_in_spanish(team: Any, rosa: Any) -> None:
    response = client_for(rosa).post(
        "/log/quick/",
        {"member": team["lee"].pk, "channel": "", "purpose": "1", "summary": "¡Gracias!"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="quick-add",
    )
    html = response.content.decode()
    assert "Anotado: contacto con Ms. Lee." in html
    for leak in LEAKS:
        assert leak not in html


def test_the_entry_history_names_channels_purposes_and_tones_in_spanish(
    team: Any, rosa: Any
) -> None:
    html = page(client_for(rosa), f"/log/{team['entry'].pk}/")
    assert "<dd>Correo electrónico</dd>" in html
    # "Contacto de rutina", not "Seguimiento", which is a follow-up.
    assert "<dd>Contacto de rutina</dd>" in html
    assert "<dd>Neutral</dd>" in html
    assert "check_in" not in html and "<dd>email</dd>" not in html
    assert "Editada" in html and "Edited" not in html
    html = page(client_for(rosa), f"/log/{team['withdrawn'].pk}/")
    assert "<dd>Agradecimiento, Logro</dd>" in html
    assert "Retirada el " in html and "Motivo: Logged twice." in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_placeholder_or_missing_value_leaks_into_a_page(
    team: Any, alice: Any, language: str
) -> None:
    alice.language = language
    alice.save(update_fields=["language"])
    client = client_for(alice)
    urls = [
        "/",
        "/log/",
        "/log/?withdrawn=on",
        f"/log/{team['entry'].pk}/",
        f"/log/{team['withdrawn'].pk}/",
        "/team/",
        f"/team/{team['lee'].pk}/",
        f"/team/{team['park'].pk}/edit/",
        "/students/",
        f"/students/{team['student'].pk}/",
        "/workspaces/",
        f"/workspaces/{team['student'].workspace_id}/",
        "/accounts/settings/",
    ]
    for url in urls:
        html = page(client, url)
        assert f'<html lang="{language}">' in html, url
        for leak in LEAKS:
            assert leak not in html, f"{leak!r} leaks into {url} in {language}"
