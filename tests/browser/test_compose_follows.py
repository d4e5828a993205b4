"""Compose follows the recipients in a real browser (issue 9), on a phone and a desktop:
the greeting (and a subject that names them) follows the boxes as they are ticked, in the
order they are ticked, and stops following once the user edits it; the mail link and the
log keep the tick order; the first person's language comes with them, or is offered when
the message has the user's words; another kind keeps an edited message with its subject
and offers the kind's template. Without JavaScript, "Check the tone" does the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.support import make_member, make_student, make_user, make_workspace

from .axe import axe_violations, describe
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def team(login: Callable[[Any], None]) -> dict[str, Any]:
    from allies.toolkit.models import MessageTemplate

    user = make_user("alice@example.com", display_name="Alice")
    workspace = make_workspace(user, name="The Rivera family")
    make_student(workspace, name="Maya R.")
    # By name, Ms. Lee comes before Mx. Oda: ticking Mx. Oda first shows the tick order.
    lee = make_member(workspace, name="Ms. Lee", email="lee@school.example")
    oda = make_member(workspace, name="Mx. Oda", email="oda@school.example")
    park = make_member(workspace, name="Mr. Park", email="park@school.example", language="es")
    # The family's own check-in names the people in its subject too.
    MessageTemplate.objects.create(
        workspace=workspace,
        kind="check_in",
        language="en",
        subject="Checking in with {recipients}",
        body="Hi {recipients},\n\nHow is {student} doing this week?\n\n{my_name}",
    )
    login(user)
    return {"user": user, "lee": lee, "oda": oda, "park": park}


def body_field(page: Page) -> Locator:
    return page.get_by_role("textbox", name="Message")


def subject_field(page: Page) -> Locator:
    return page.get_by_role("textbox", name="Subject")


def box(page: Page, name: str) -> Locator:
    return page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(name)}"))


def mail_to(page: Page) -> str:
    href = page.get_by_role("button", name="Open in my mail app").get_attribute("href") or ""
    return href.split("?")[0]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_the_greeting_follows_the_ticks_in_tick_order_until_it_is_edited(
    page: Page, server: str, team: dict[str, Any], viewport: dict[str, int]
) -> None:
    from allies.log.models import Interaction

    page.set_viewport_size(viewport)
    page.goto(f"{server}/toolkit/compose/?kind=check_in")
    body, subject = body_field(page), subject_field(page)
    expect(body).to_have_value(re.compile(r"^Hi everyone,\n"))
    expect(subject).to_have_value("Checking in with everyone")

    box(page, "Mx. Oda").check()
    expect(body).to_have_value(re.compile(r"^Hi Mx\. Oda,\n"))
    expect(subject).to_have_value("Checking in with Mx. Oda")
    box(page, "Ms. Lee").check()
    # In the order they were ticked, not by name.
    expect(body).to_have_value(re.compile(r"^Hi Mx\. Oda and Ms\. Lee,\n"))
    expect(subject).to_have_value("Checking in with Mx. Oda and Ms. Lee")
    assert mail_to(page) == "mailto:oda@school.example,lee@school.example"
    box(page, "Mx. Oda").uncheck()
    expect(body).to_have_value(re.compile(r"^Hi Ms\. Lee,\n"))
    box(page, "Mx. Oda").check()
    expect(body).to_have_value(re.compile(r"^Hi Ms\. Lee and Mx\. Oda,\n"))
    assert mail_to(page) == "mailto:lee@school.example,oda@school.example"

    # Words typed elsewhere are kept, and the greeting still follows.
    body.press("Control+End")
    page.keyboard.type("\nP.S. The new schedule helps.")
    box(page, "Ms. Lee").uncheck()
    expect(body).to_have_value(
        re.compile(r"^Hi Mx\. Oda,\n[\s\S]*P\.S\. The new schedule helps\.$")
    )

    # Once the greeting line is edited, it is the user's: ticking no longer touches it.
    body.press("Control+Home")
    page.keyboard.press("Shift+End")
    page.keyboard.type("Dear team,")
    box(page, "Ms. Lee").check()
    # The subject, still as Allies wrote it, follows (the same answer from the server).
    expect(subject).to_have_value("Checking in with Mx. Oda and Ms. Lee")
    expect(body).to_have_value(
        re.compile(r"^Dear team,\n\nHow is Maya R\. doing[\s\S]*P\.S\. The new schedule helps\.$")
    )
    # And a typed subject is the user's too.
    subject.fill("Quick check-in")
    box(page, "Mx. Oda").uncheck()
    expect(page.locator(".compose-form [name=order]")).to_have_value(str(team["lee"].pk))
    box(page, "Mx. Oda").check()
    expect(page.locator(".compose-form [name=order]")).to_have_value(
        f"{team['lee'].pk},{team['oda'].pk}"
    )
    assert mail_to(page) == "mailto:lee@school.example,oda@school.example"
    # The last tick's request must be answered first: the test database (SQLite in
    # memory, shared by the server's threads) refuses a write beside a read.
    page.wait_for_load_state("networkidle")
    page.locator("main").get_by_role("button", name="Log it", exact=True).click()
    expect(page.get_by_text("Added to the log.")).to_be_visible()
    saved = Interaction.objects.get()
    summary = saved.summary.replace("\r\n", "\n")  # as the browser posted the message
    assert summary.startswith("Quick check-in\n\nDear team,\n")
    assert summary.endswith("P.S. The new schedule helps.")
    # The log keeps them in the order they were ticked.
    assert saved.people() == [team["lee"], team["oda"]]


def test_the_first_person_s_language_comes_with_them_or_is_offered(
    page: Page, server: str, team: dict[str, Any]
) -> None:
    page.goto(f"{server}/toolkit/compose/?kind=appreciation&member={team['lee'].pk}")
    body = body_field(page)
    language = page.get_by_role("combobox", name="Language of the message")
    notice = page.locator("[data-draft-notice]")
    expect(body).to_have_value(re.compile(r"^Hi Ms\. Lee,\n"))

    # Untouched: Mr. Park, now first, reads Spanish, and so the draft is Spanish.
    box(page, "Mr. Park").check()
    box(page, "Ms. Lee").uncheck()
    expect(body).to_have_value(re.compile(r"^Hola, Mr\. Park:\n"))
    expect(language).to_have_value("es")
    expect(page.get_by_role("textbox", name="Subject")).to_have_value(
        "Gracias por su apoyo a Maya R."
    )
    expect(notice).to_be_hidden()

    # With words of the user's, the language is offered, never forced.
    body.press("Control+End")
    page.keyboard.type("\nP.D. Mis palabras.")
    box(page, "Ms. Lee").check()
    expect(body).to_have_value(
        re.compile(r"^Hola, Mr\. Park y Ms\. Lee:\n[\s\S]*P\.D\. Mis palabras\.$")
    )
    box(page, "Mr. Park").uncheck()
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Messages to Ms. Lee are written in English.")
    expect(notice).to_contain_text("The message has your changes, so it was kept as it is.")
    expect(body).to_have_value(re.compile(r"^Hola, Ms\. Lee:\n[\s\S]*P\.D\. Mis palabras\.$"))
    expect(language).to_have_value("es")
    violations = axe_violations(page)
    assert not violations, f"axe, with the offer showing:\n{describe(violations)}"

    notice.get_by_role("button", name="Start again in English").click()
    expect(body).to_have_value(re.compile(r"^Hi Ms\. Lee,\n\nI want to take a moment"))
    expect(body).not_to_have_value(re.compile("Mis palabras"))
    expect(language).to_have_value("en")
    expect(notice).to_be_hidden()


def test_without_javascript_check_the_tone_brings_the_greeting_in_step(
    browser: Browser, browser_context_args: dict[str, Any], server: str, team: dict[str, Any]
) -> None:
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    try:
        log_in(context, server, team["user"])
        page = context.new_page()
        page.goto(f"{server}/toolkit/compose/?kind=check_in&member={team['oda'].pk}")
        body = body_field(page)
        expect(body).to_have_value(re.compile(r"^Hi Mx\. Oda,\n"))
        body.fill(body.input_value() + "\nP.S. Mine.")
        box(page, "Ms. Lee").check()
        page.get_by_role("button", name="Check the tone").click()
        # Mx. Oda was there first; the words typed are kept.
        expect(body).to_have_value(re.compile(r"^Hi Mx\. Oda and Ms\. Lee,\n[\s\S]*P\.S\. Mine\.$"))
        expect(subject_field(page)).to_have_value("Checking in with Mx. Oda and Ms. Lee")

        page.get_by_role("button", name="Start again from the template").click()
        expect(
            page.get_by_text("The message has your changes, so it was kept as it is.")
        ).to_be_visible()
        expect(body).to_have_value(re.compile(r"P\.S\. Mine\.$"))
        page.get_by_role("button", name="Replace it with the template").click()
        expect(body).to_have_value(
            re.compile(r"^Hi Mx\. Oda and Ms\. Lee,\n\nHow is Maya R\. doing this week\?\n\nAlice$")
        )
    finally:
        context.close()


def kind_field(page: Page) -> Locator:
    return page.get_by_role("combobox", name="Kind of message")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_another_kind_keeps_an_edited_message_with_its_subject_and_offers_the_template(
    page: Page, server: str, team: dict[str, Any], viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{server}/toolkit/compose/?kind=check_in&member={team['lee'].pk}")
    body, subject = body_field(page), subject_field(page)
    notice = page.locator("[data-draft-notice]")
    expect(subject).to_have_value("Checking in with Ms. Lee")
    body.press("Control+End")
    page.keyboard.type("\nP.S. The new schedule helps.")

    kind_field(page).select_option("appreciation")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(
        "You chose “Appreciation”, but the message has your changes, so it was kept as it "
        "is, with its subject."
    )
    # The subject stays the one that goes with the message, and both still follow the people.
    expect(subject).to_have_value("Checking in with Ms. Lee")
    expect(body).to_have_value(re.compile(r"^Hi Ms\. Lee,\n\nHow is Maya R\. doing"))
    box(page, "Mx. Oda").check()
    expect(subject).to_have_value("Checking in with Ms. Lee and Mx. Oda")
    expect(body).to_have_value(
        re.compile(r"^Hi Ms\. Lee and Mx\. Oda,\n[\s\S]*P\.S\. The new schedule helps\.$")
    )
    expect(notice).to_be_visible()
    replace = notice.get_by_role("button", name="Replace it with the “Appreciation” template")
    if viewport is PHONE:
        height = (replace.bounding_box() or {"height": 0})["height"]
        assert height >= 44, f"the notice's button is {height} px tall on a phone"
    violations = axe_violations(page)
    assert not violations, f"axe, with the kind's offer showing:\n{describe(violations)}"

    replace.click()
    expect(body).to_have_value(
        re.compile(r"^Hi Ms\. Lee and Mx\. Oda,\n\nI want to take a moment to say thank you\.")
    )
    expect(body).not_to_have_value(re.compile("The new schedule helps"))
    expect(subject).to_have_value("Thank you for your support of Maya R.")
    expect(kind_field(page)).to_have_value("appreciation")
    expect(notice).to_be_hidden()


def test_without_javascript_another_kind_keeps_the_message_and_offers_the_template(
    browser: Browser, browser_context_args: dict[str, Any], server: str, team: dict[str, Any]
) -> None:
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    try:
        log_in(context, server, team["user"])
        page = context.new_page()
        page.set_viewport_size(PHONE)
        page.goto(f"{server}/toolkit/compose/?kind=check_in&member={team['lee'].pk}")
        body, subject = body_field(page), subject_field(page)
        body.fill(body.input_value() + "\nP.S. Mine.")
        kind_field(page).select_option("appreciation")
        page.get_by_role("button", name="Check the tone").click()
        expect(page.get_by_text("You chose “Appreciation”")).to_be_visible()
        expect(subject).to_have_value("Checking in with Ms. Lee")
        # No axe here: with scripts off, axe's run never settles (the page with scripts
        # on is checked in test_accessibility.py).
        expect(body).to_have_value(re.compile(r"P\.S\. Mine\.$"))

        page.get_by_role("button", name="Replace it with the “Appreciation” template").click()
        expect(body).to_have_value(
            re.compile(r"^Hi Ms\. Lee,\n\nI want to take a moment to say thank you\.")
        )
        expect(subject).to_have_value("Thank you for your support of Maya R.")
    finally:
        context.close()
