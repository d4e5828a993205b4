"""Keyboard-only use and a phone-sized screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.support import make_entry, make_member, make_student, make_user, make_workspace

from .conftest import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def family(login: Callable[[Any], None]) -> dict[str, Any]:
    user = make_user("alice@example.com")
    workspace = make_workspace(user, name="The Montgomery-Fitzgerald family")
    make_student(workspace, name="Maya R.", grade="3", school="Lincoln Elementary School")
    lee = make_member(workspace, name="Ms. Lee")
    long = make_member(
        workspace, name="Principal Marcus Howard-Washington", role="administrator", cadence_days=1
    )
    make_entry(
        workspace,
        user,
        [lee, long],
        summary="Sent the link https://lincoln.example/district/special-education/"
        "progress-reports/2026/maya-r-quarterly-report-final-version.pdf to everyone.",
        follow_up_due=None,
    )
    login(user)
    return {"user": user, "lee": lee, "long": long}


def test_a_contact_can_be_logged_with_the_keyboard_alone(
    page: Page, server: str, family: dict[str, Any]
) -> None:
    from allies.log.models import Interaction, Purpose

    page.goto(f"{server}/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()

    quick = page.locator("#quick-add")
    # The weekly focus comes first (its guide link, its buttons); in a month's first and
    # last week, so does the monthly update's "Draft it" link.
    tab_to(page, "#quick-add [name=member]", most=8)
    page.keyboard.type("Ms. L")
    expect(quick.get_by_label("Who")).to_have_value(str(family["lee"].pk))
    page.keyboard.press("Tab")
    expect(quick.get_by_label("How")).to_be_focused()
    page.keyboard.press("Tab")
    expect(quick.get_by_label("Why")).to_be_focused()
    page.keyboard.type("Appr")
    expect(quick.get_by_label("Why")).to_have_value(str(int(Purpose.APPRECIATION)))
    page.keyboard.press("Tab")
    expect(quick.get_by_label("In one line")).to_be_focused()
    page.keyboard.type("Thanked her for the reading log")
    page.keyboard.press("Enter")

    expect(quick.get_by_role("status")).to_contain_text("Logged: contact with Ms. Lee.")
    # The next contact can follow without tabbing through the whole page again.
    assert quick.evaluate("el => el.contains(document.activeElement)"), "focus left the form"
    latest = page.locator("#latest .entry").first
    expect(latest).to_contain_text("Thanked her for the reading log")
    expect(latest).to_contain_text("Appreciation")
    entry = Interaction.objects.latest("pk")
    assert list(entry.participants.all()) == [family["lee"]]
    assert entry.purposes == Purpose.APPRECIATION


@pytest.mark.parametrize(
    "path",
    ["/", "/log/", "/log/{entry}/", "/log/new/", "/team/", "/team/{long}/", "/students/"],
)
def test_pages_fit_a_375_px_screen(
    page: Page, server: str, family: dict[str, Any], path: str
) -> None:
    from allies.log.models import Interaction

    page.set_viewport_size(PHONE)
    url = server + path.format(long=family["long"].pk, entry=Interaction.objects.get().pk)
    page.goto(url)
    expect(page.locator("main h1")).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
              .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5
                            && !el.closest('.table-wrap, .visually-hidden, .skip-link'))
              .slice(0, 5).map(el => el.outerHTML.slice(0, 120))"""
    )
    assert width <= PHONE["width"], f"{path} scrolls sideways ({width}px); too wide: {wide}"
