"""The calendar feed's page in a real browser: the address is made, copied, fetched by a
visitor with no session (as a calendar app does), and reset."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from tests.support import make_student, make_user, make_workspace

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fetch_without_a_session(browser: Browser, url: str) -> Any:
    context = browser.new_context()
    try:
        response = context.request.get(url)
        return response.status, response.headers, response.body()
    finally:
        context.close()


def test_the_address_is_copied_works_without_a_session_and_stops_when_reset(
    page: Page, server: str, browser: Browser
) -> None:
    user = make_user("alice@example.com", display_name="Alice")
    workspace = make_workspace(user)
    make_student(workspace, name="Maya R.", annual_review_due=timezone.localdate())
    log_in(page.context, server, user)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page.goto(server + "/accounts/settings/")
    page.get_by_role("link", name="Calendar feed").click()
    page.get_by_role("button", name="Make my calendar address").click()
    expect(page.get_by_role("status")).to_contain_text("Your calendar feed is ready")
    field = page.get_by_label("Address to subscribe to")
    address = field.input_value()
    assert address.startswith(server + "/feeds/calendar/")

    page.get_by_role("button", name="Copy the address").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == address

    status, headers, body = fetch_without_a_session(browser, address)
    assert status == 200
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    assert str(event["summary"]) == "Annual IEP review due"

    page.get_by_role("button", name="Reset the address").click()
    expect(field).not_to_have_value(address)
    status, headers, body = fetch_without_a_session(browser, address)
    assert status == 404
    assert b"it was reset, or it never existed" in body
    status, _headers, _body = fetch_without_a_session(browser, field.input_value())
    assert status == 200
