"""The communication toolkit in a real browser: compose, the tone coach, the ways out.

A draft is written, coached and logged; "Open in my mail app" and "Download .eml" carry
exactly the edited draft; the tone coach reads the log's summary too, and never blocks;
the compose page works from the keyboard alone and fits a phone.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.support import make_member, make_student, make_user, make_workspace

from .conftest import log_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
DEMAND = "You must send the data every Friday."
REQUEST = "Could you send the data on Fridays when you can?"
NO_FINDING = "Nothing here reads as a demand, a blame, an absolute or a threat."
NO_FINDING_ES = "Nada aquí suena a exigencia, culpa, generalización o amenaza."

# The mailto: link, taken apart in the page with the browser's own decoder.
MAILTO_PARTS = """() => {
  const href = document.querySelector("#mailto-link").getAttribute("href");
  const [to, query] = href.split("?");
  const params = {};
  for (const pair of query.split("&")) {
    const i = pair.indexOf("=");
    params[pair.slice(0, i)] = decodeURIComponent(pair.slice(i + 1));
  }
  return {to, subject: params.subject, body: params.body};
}"""


@pytest.fixture
def team(login: Callable[[Any], None]) -> dict[str, Any]:
    user = make_user("alice@example.com", display_name="Alice")
    workspace = make_workspace(user, name="The Rivera family")
    maya = make_student(workspace, name="Maya R.", grade="3", school="Lincoln Elementary")
    dana = make_member(
        workspace,
        name="Dana Whitfield",
        role="speech",
        email="dana@school.example",
        best_times="Tuesdays after 3 pm",
        communication_style="Short emails; bullet points help.",
    )
    login(user)
    return {"user": user, "workspace": workspace, "maya": maya, "dana": dana}


def compose_url(server: str, member: Any, kind: str = "appreciation") -> str:
    return f"{server}/toolkit/compose/?kind={kind}&member={member.pk}"


def body_field(page: Page) -> Locator:
    return page.get_by_role("textbox", name="Message")


def tone_panel(page: Page) -> Locator:
    return page.locator("#tone-panel")


def log_it(page: Page) -> Locator:
    return page.locator("main").get_by_role("button", name="Log it", exact=True)


def past_the_cues(page: Page, *, keyboard: bool = False) -> None:
    """The template's [cues] are still in the draft: Allies asks before logging it."""
    expect(page.get_by_text("Some [bracketed] parts are still to fill in.")).to_be_visible()
    as_is = page.locator("main").get_by_role("button", name="Log it as it is")
    if keyboard:
        tab_to(page, ".compose-form button[value=log_as_is]", most=60)
        expect(as_is).to_be_focused()
        page.keyboard.press("Enter")
    else:
        as_is.click()


def type_at_the_end(page: Page, text: str) -> None:
    body_field(page).press("Control+End")
    page.keyboard.type(text)


def assert_fits(page: Page, what: str) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
              .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5
                            && !el.closest('.table-wrap, .visually-hidden, .skip-link'))
              .slice(0, 5).map(el => el.outerHTML.slice(0, 120))"""
    )
    assert width <= PHONE["width"] + 1, f"{what} scrolls sideways ({width}px); too wide: {wide}"


def test_an_appreciation_is_composed_coached_and_logged(
    page: Page, server: str, team: dict[str, Any]
) -> None:
    from allies.log.models import Interaction, Purpose

    page.goto(f"{server}/toolkit/")
    write = page.get_by_role("region", name="Write a message")
    write.get_by_role("link", name="Appreciation", exact=True).click()
    expect(page.get_by_role("heading", name="Write a message", level=1)).to_be_visible()
    expect(page.get_by_role("combobox", name="Kind of message", exact=True)).to_have_value(
        "appreciation"
    )
    # The only student is who it is about; no one is picked yet.
    expect(page.get_by_role("combobox", name="About")).to_have_value(str(team["maya"].pk))
    expect(body_field(page)).to_have_value(re.compile(r"^Hi everyone,"))

    page.get_by_role("checkbox", name=re.compile(r"^Dana Whitfield")).check()
    page.get_by_role("button", name="Start again from the template").click()
    subject = page.get_by_role("textbox", name="Subject")
    expect(subject).to_have_value("Thank you for your support of Maya R.")
    body = body_field(page)
    expect(body).to_have_value(re.compile(r"^Hi Dana Whitfield,\n"))
    expect(body).to_have_value(re.compile(r"It made a real difference for Maya R\."))
    expect(body).to_have_value(re.compile(r"Warmly,\nAlice$"))
    expect(page.get_by_role("checkbox", name=re.compile(r"^Dana Whitfield"))).to_be_checked()

    who = page.get_by_role("complementary", name="About the people and the tone")
    expect(who.get_by_role("heading", name="Who it is for")).to_be_visible()
    card = who.locator(".recipient")
    expect(card).to_contain_text("Dana Whitfield · Speech-language pathologist")
    expect(card.locator("dl")).to_contain_text("PrefersEmail")
    expect(card.locator("dl")).to_contain_text("Best timesTuesdays after 3 pm")
    expect(card.locator("dl")).to_contain_text("StyleShort emails; bullet points help.")
    expect(card.locator("dl")).to_contain_text("LanguageEnglish")
    panel = tone_panel(page)
    expect(panel).to_contain_text(NO_FINDING)

    # An added demand: the coach points at it and suggests a request, as advice only.
    type_at_the_end(page, f"\n{DEMAND}")
    expect(panel.locator("mark")).to_have_text(["You must"])
    expect(panel).to_contain_text("1 thing to look at again. It is advice: you decide.")
    finding = panel.locator(".findings li")
    expect(finding).to_have_count(1)
    expect(finding).to_contain_text("Demand: “You must”.")
    expect(finding).to_contain_text("Try: Make it a request or a shared plan")
    expect(body).not_to_have_attribute("aria-invalid", "true")
    expect(body).to_be_editable()
    expect(log_it(page)).to_be_enabled()

    # The demand is on its own line: select it and write a request instead.
    page.keyboard.press("Shift+Home")
    page.keyboard.type(REQUEST)
    expect(body).to_have_value(re.compile(rf"\nAlice\n{re.escape(REQUEST)}$"))
    expect(panel).to_contain_text(NO_FINDING)
    expect(panel.locator("mark")).to_have_count(0)

    log_it(page).click()
    past_the_cues(page)
    expect(page.get_by_text("Added to the log.")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"^{server}/log/\d+/$"))
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text("WithDana Whitfield (Speech-language pathologist)")
    expect(facts).to_contain_text("ChannelEmail")
    expect(facts).to_contain_text("PurposeAppreciation")
    expect(facts).to_contain_text("TonePositive")
    expect(facts).to_contain_text("StudentMaya R.")
    summary = page.locator(".summary-full")
    expect(summary).to_contain_text("Thank you for your support of Maya R.")
    expect(summary).to_contain_text(REQUEST)
    expect(summary).not_to_contain_text("You must")

    saved = Interaction.objects.get()
    assert list(saved.participants.all()) == [team["dana"]]
    assert saved.purposes == Purpose.APPRECIATION
    assert saved.student == team["maya"]
    assert saved.summary.startswith("Thank you for your support of Maya R.\n\nHi Dana Whitfield,")

    page.goto(f"{server}/")
    latest = page.locator("#latest .entry").first
    expect(latest).to_contain_text("With Dana Whitfield")
    expect(latest.locator(".purpose")).to_have_text(["Appreciation"])
    expect(latest.locator(".entry-summary")).to_contain_text(
        "Thank you for your support of Maya R."
    )
    row = page.locator(".team-table tbody tr").filter(
        has=page.get_by_role("link", name="Dana Whitfield", exact=True)
    )
    expect(row.locator("td").first).to_contain_text("(today)")


def test_a_spanish_speaker_gets_a_spanish_draft_and_spanish_advice(
    page: Page, server: str, team: dict[str, Any]
) -> None:
    from allies.log.models import Interaction

    ortega = make_member(
        team["workspace"],
        name="Sra. Marisol Ortega",
        role="para",
        email="mortega@school.example",
        language="es",
    )
    page.goto(compose_url(server, ortega))
    # The page stays in English; the draft is in her language.
    expect(page.get_by_role("heading", name="Write a message", level=1)).to_be_visible()
    expect(page.get_by_role("combobox", name="Language of the message")).to_have_value("es")
    expect(page.get_by_role("textbox", name="Subject")).to_have_value(
        "Gracias por su apoyo a Maya R."
    )
    body = body_field(page)
    expect(body).to_have_value(re.compile(r"^Hola, Sra\. Marisol Ortega:\n"))
    expect(body).to_have_value(re.compile(r"Para Maya R\. hizo una gran diferencia\."))
    expect(body).to_have_value(re.compile(r"Saludos cordiales,\nAlice$"))
    expect(page.locator(".recipient")).to_contain_text("Sra. Marisol Ortega · Paraprofessional")
    expect(page.locator(".recipient dl")).to_contain_text("LanguageSpanish")
    # The coach's whole panel speaks the draft's language, labels included.
    panel = tone_panel(page)
    expect(panel.locator("[lang=es]")).to_contain_text("Consejero de tono")
    expect(panel).to_contain_text(NO_FINDING_ES)

    type_at_the_end(page, "\nUsted debe mandar los datos cada viernes.")
    expect(panel.locator("mark")).to_have_text(["Usted debe"])
    finding = panel.locator(".findings li")
    expect(finding).to_contain_text("Exigencia: “Usted debe”.")
    expect(finding).to_contain_text("suena a orden")
    expect(finding).to_contain_text("Conviértalo en una petición o un plan común")
    # No English warmth score for a Spanish text.
    expect(panel).not_to_contain_text("VADER")
    expect(log_it(page)).to_be_enabled()

    page.keyboard.press("Shift+Home")
    page.keyboard.type("¿Podría mandar los datos los viernes cuando pueda?")
    expect(panel).to_contain_text(NO_FINDING_ES)

    log_it(page).click()
    past_the_cues(page)
    expect(page.get_by_text("Added to the log.")).to_be_visible()
    expect(page.locator(".summary-full")).to_contain_text("Gracias por su apoyo a Maya R.")
    saved = Interaction.objects.get()
    assert list(saved.participants.all()) == [ortega]
    assert saved.summary.endswith("¿Podría mandar los datos los viernes cuando pueda?")


def test_open_in_my_mail_app_carries_the_edited_draft(
    page: Page, server: str, team: dict[str, Any]
) -> None:
    page.goto(compose_url(server, team["dana"]))
    body = body_field(page)
    subject = page.get_by_role("textbox", name="Subject")
    link = page.get_by_role("button", name="Open in my mail app")
    expect(link).to_have_attribute("href", re.compile(r"^mailto:dana@school\.example\?"))

    # As the server wrote it: the draft, line breaks as CRLF.
    first = page.evaluate(MAILTO_PARTS)
    assert first["subject"] == subject.input_value()
    assert first["body"] == body.input_value().replace("\n", "\r\n")

    subject.fill("Thank you, Dana & team: 100% worth it")
    type_at_the_end(page, "\nP.S. Gracias & merci — ¿sí? 🎉 a+b=c #1")
    parts = page.evaluate(MAILTO_PARTS)
    value = body.input_value()
    assert value.endswith("P.S. Gracias & merci — ¿sí? 🎉 a+b=c #1")
    assert parts["to"] == "mailto:dana@school.example"
    assert parts["subject"] == "Thank you, Dana & team: 100% worth it"
    assert parts["body"] == value.replace("\n", "\r\n")
    assert "\r\n" in parts["body"] and not re.search(r"(?<!\r)\n", parts["body"])


def test_download_eml_is_the_edited_draft(
    page: Page, server: str, team: dict[str, Any], tmp_path: Path
) -> None:
    page.goto(compose_url(server, team["dana"]))
    subject = page.get_by_role("textbox", name="Subject")
    subject.fill("Thank you, Dana — Maya's speech")
    type_at_the_end(page, "\nP.S. ¡Gracias! The new picture cards work at home too.")
    body = body_field(page).input_value()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download .eml").click()
    download = download_info.value
    assert download.suggested_filename == "allies-draft.eml"
    target = tmp_path / "draft.eml"
    download.save_as(target)

    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Thank you, Dana — Maya's speech"
    assert message["To"] == "dana@school.example"
    assert message["From"] == "alice@example.com"
    assert message["X-Unsent"] == "1"
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None
    content = plain.get_content().replace("\r\n", "\n")  # type: ignore[attr-defined]
    assert content.rstrip("\n") == body
    # A download leaves the draft where it is, ready to be logged.
    expect(page).to_have_url(re.compile(r"/toolkit/compose/\?"))
    expect(log_it(page)).to_be_enabled()


def test_the_tone_coach_reads_the_log_summary_without_blocking(
    page: Page, server: str, team: dict[str, Any]
) -> None:
    from allies.log.models import Interaction

    page.goto(f"{server}/log/new/")
    panel = tone_panel(page)
    expect(panel).to_be_empty()
    page.get_by_role("checkbox", name=re.compile(r"^Dana Whitfield")).check()
    page.get_by_role("checkbox", name="Concern", exact=True).check()
    page.get_by_label("What happened").press_sequentially("You never answer my emails")
    expect(panel.locator("mark")).to_have_text(["You never"])
    expect(panel.locator(".findings li")).to_contain_text("Absolute: “You never”.")
    expect(panel.locator(".findings li")).to_contain_text("Be specific")
    # What is quoted back is text, never markup.
    page.get_by_label("What happened").press_sequentially(" <b>again</b>")
    expect(panel.locator(".tone-text")).to_contain_text("<b>again</b>")
    expect(panel.locator("b")).to_have_count(0)
    expect(panel.locator("mark")).to_have_text(["You never"])

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Added to the log.")).to_be_visible()
    expect(page.locator(".summary-full")).to_have_text("You never answer my emails <b>again</b>")
    assert Interaction.objects.get().summary == "You never answer my emails <b>again</b>"


def test_a_draft_is_logged_with_the_keyboard_alone(
    page: Page, server: str, team: dict[str, Any]
) -> None:
    from allies.log.models import Interaction

    page.goto(compose_url(server, team["dana"]))
    tab_to(page, ".compose-form textarea[name=body]", most=40)
    expect(body_field(page)).to_be_focused()
    page.keyboard.press("Control+End")
    page.keyboard.type("\nP.S. See you at Tuesday's session.")
    tab_to(page, ".compose-form button[value=log]", most=3)
    expect(log_it(page)).to_be_focused()
    page.keyboard.press("Enter")
    past_the_cues(page, keyboard=True)
    expect(page.get_by_text("Added to the log.")).to_be_visible()
    saved = Interaction.objects.get()
    assert saved.summary.endswith("P.S. See you at Tuesday's session.")
    assert list(saved.participants.all()) == [team["dana"]]


def test_the_toolkit_fits_a_375_px_screen(page: Page, server: str, team: dict[str, Any]) -> None:
    from allies.toolkit.guide import PAGES

    page.set_viewport_size(PHONE)
    page.goto(compose_url(server, team["dana"]))
    # A finding, and a long unbroken address in the text the coach quotes back.
    type_at_the_end(
        page,
        f"\n{DEMAND} https://lincoln.example/district/special-education/speech-therapy/"
        "progress-reports/2026/maya-r-quarterly-report-final-version.pdf",
    )
    expect(tone_panel(page).locator("mark")).to_have_text(["You must"])
    assert_fits(page, "compose with a finding")

    for path in [
        "/toolkit/",
        "/toolkit/questions/",
        "/guide/",
        *(f"/guide/{p.slug}/" for p in PAGES),
    ]:
        page.goto(server + path)
        expect(page.locator("main h1")).to_be_visible()
        assert_fits(page, path)


def test_copy_puts_the_subject_and_the_message_on_the_clipboard(
    page: Page, server: str, team: dict[str, Any]
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page.goto(compose_url(server, team["dana"]))
    type_at_the_end(page, "\nP.S. Thank you again.")
    copy = page.get_by_role("button", name="Copy", exact=True)
    copy.click()
    expect(page.get_by_role("button", name="Copied", exact=True)).to_be_visible()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    subject = page.get_by_role("textbox", name="Subject").input_value()
    assert copied == f"{subject}\n\n{body_field(page).input_value()}"
    assert copied.endswith("P.S. Thank you again.")


def test_check_the_tone_works_without_javascript(
    browser: Browser, browser_context_args: dict[str, Any], server: str, team: dict[str, Any]
) -> None:
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    try:
        log_in(context, server, team["user"])
        page = context.new_page()
        page.goto(compose_url(server, team["dana"]))
        # Copying needs the script: without it, the button is not offered.
        expect(page.get_by_role("button", name="Copy", exact=True)).to_be_hidden()
        body = body_field(page)
        body.fill(body.input_value() + "\n" + DEMAND)
        page.get_by_role("button", name="Check the tone").click()
        panel = tone_panel(page)
        expect(panel.locator("mark")).to_have_text(["You must"])
        expect(body).to_have_value(re.compile(rf"\n{re.escape(DEMAND)}$"))
        # The server wrote the mail link from the checked draft.
        expect(page.get_by_role("button", name="Open in my mail app")).to_have_attribute(
            "href", re.compile(r"^mailto:dana@school\.example\?.*You%20must%20send")
        )
    finally:
        context.close()


def test_the_mail_link_follows_the_recipients(
    page: Page, server: str, team: dict[str, Any]
) -> None:
    page.goto(f"{server}/toolkit/compose/?kind=appreciation")
    link = page.get_by_role("button", name="Open in my mail app")
    expect(link).to_have_attribute("href", re.compile(r"^mailto:\?"))
    page.get_by_role("checkbox", name=re.compile(r"^Dana Whitfield")).check()
    type_at_the_end(page, " ")
    # The link is rewritten as the draft changes, synchronously: no need to wait long.
    expect(link).to_have_attribute(
        "href", re.compile(r"^mailto:dana@school\.example\?"), timeout=1_000
    )
