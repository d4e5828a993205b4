"""What people type is shown as text, never run, wherever it appears."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support import make_user, make_workspace

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
INJECTED = "img[src='x'], main script"


def assert_inert(page: Page, where: str, times: int = 1) -> None:
    shown = page.get_by_text(PAYLOAD).filter(visible=True)
    expect(shown.first).to_be_visible()
    assert shown.count() >= times, f"{where}: the payload is shown {shown.count()} times"
    assert page.locator(INJECTED).count() == 0, f"{where}: the payload became markup"
    assert page.evaluate("() => typeof window.__xss") == "undefined", f"{where}: the payload ran"


@pytest.fixture
def raw_page(browser: Browser, server: str) -> Any:
    """A page that ignores the CSP, so escaping alone must keep the payload inert."""
    context = browser.new_context(bypass_csp=True, locale="en-US")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_typed_markup_is_shown_as_text_and_never_runs(raw_page: Page, server: str) -> None:
    page = raw_page
    user = make_user("alice@example.com")
    make_workspace(user)
    log_in(page.context, server, user)

    page.goto(f"{server}/students/new/")
    page.get_by_label("Name or initials").fill(PAYLOAD)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Add a team member")).to_be_visible()

    page.get_by_label("Name", exact=True).fill(PAYLOAD)
    page.get_by_label("Role", exact=True).select_option(label="Case manager")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(f"{PAYLOAD} is on the team.")).to_be_visible()
    assert_inert(page, "team list")

    page.goto(f"{server}/")
    quick = page.locator("#quick-add")
    quick.get_by_label("Who").select_option(index=1)
    quick.get_by_label("In one line").fill(PAYLOAD)
    quick.get_by_role("button", name="Log it").click()
    expect(page.locator("#latest .entry-summary")).to_have_text([PAYLOAD])
    # After the htmx swap: the student line, the status message, latest entry, team table.
    assert_inert(page, "home after the quick add", times=4)

    page.reload()
    assert_inert(page, "home", times=3)

    page.goto(f"{server}/log/")
    assert_inert(page, "log", times=2)

    page.locator("#log-results").get_by_role("link", name="Open entry").click()
    expect(page.get_by_role("heading", name="Log entry")).to_be_visible()
    assert_inert(page, "entry detail", times=2)
    page.get_by_text("What it said").click()
    assert_inert(page, "entry history", times=4)

    page.locator(".facts").get_by_role("link", name=PAYLOAD).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PAYLOAD)
    assert_inert(page, "team member page", times=2)

    page.goto(f"{server}/students/")
    assert_inert(page, "student list")


def test_pages_are_sent_with_a_strict_content_security_policy(
    page: Page, server: str, login: Callable[[Any], None]
) -> None:
    user = make_user("alice@example.com")
    make_workspace(user)
    login(user)
    response = page.goto(f"{server}/")
    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, policy
    assert "unsafe-inline" not in policy, policy
