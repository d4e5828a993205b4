"""Screenshots of the demo family for the docs: ALLIES_SCREENSHOTS=1 to refresh them.

Home (1280 and 375 px), relationships (1280 and 375 px) and a member page (375 px).

Skipped in a normal run so that running the tests never rewrites files under docs/.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("ALLIES_SCREENSHOTS") != "1", reason="set ALLIES_SCREENSHOTS=1 to refresh"
    ),
]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_the_demo_family_pages(page: Page, server: str) -> None:
    from allies.web.management.commands.demo import DEMO_EMAIL, DEMO_PASSWORD

    call_command("demo", stdout=io.StringIO())
    page.goto(f"{server}/accounts/login/")
    page.get_by_label("Email address").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="The Rivera family")).to_be_visible()
    expect(page.locator("#latest .entry")).to_have_count(8)

    DOCS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (375, 812)):
        page.set_viewport_size({"width": width, "height": height})
        shoot(page, f"home-{width}.png")

    from allies.students.models import TeamMember

    page.goto(f"{server}/relationships/")
    expect(page.get_by_role("heading", name="Relationships", exact=True)).to_be_visible()
    expect(page.locator("figure.chart svg")).to_have_count(2)
    for width, height in ((1280, 900), (375, 812)):
        page.set_viewport_size({"width": width, "height": height})
        shoot(page, f"relationships-{width}.png")

    okafor = TeamMember.objects.get(name="Mr. David Okafor")
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{server}/team/{okafor.pk}/")
    expect(page.get_by_role("heading", name="How this relationship is doing")).to_be_visible()
    expect(page.locator("figure.chart svg")).to_have_count(2)
    shoot(page, "member-375.png")


def shoot(page: Page, name: str) -> None:
    """A full-page screenshot, once the page is sure not to scroll sideways."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, name
    page.screenshot(path=DOCS / name, full_page=True, animations="disabled")
