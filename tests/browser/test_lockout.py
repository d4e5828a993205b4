"""Locked out after wrong passwords, in a real browser at 375 and 1280 px (issue 9,
point 5): the page says for how long, its link leads to a reset, and the new password
signs in at once from the same browser."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import Page, expect

from tests.support import make_user, make_workspace

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
NEW_PASSWORD = "a much longer passphrase 2026"


def attempt(page: Page, server: str, password: str) -> None:
    page.goto(f"{server}/accounts/login/")
    page.get_by_label("Email").fill("alice@example.com")
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Log in").click()


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_a_locked_out_parent_resets_and_is_in_at_once(page: Page, server: str, size: str) -> None:
    user = make_user("alice@example.com", display_name="Alice")
    make_workspace(user, name="The Rivera family")
    page.set_viewport_size(SIZES[size])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(page, server, "wrong password")
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts")
    expect(page.locator("main")).to_contain_text("locked here for 15 minutes")
    page.get_by_role("link", name="Reset your password").click()
    page.get_by_label("Email").fill("alice@example.com")
    page.locator("main").get_by_role("button", name="Send the link").click()
    [link] = re.findall(r"http://[^/\s]+(/accounts/password/reset/\S+/\S+/)", mail.outbox[-1].body)
    page.goto(server + link)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.locator("main").get_by_role("button", name="Set password").click()
    attempt(page, server, NEW_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("The Rivera family")
