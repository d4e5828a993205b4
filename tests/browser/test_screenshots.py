"""Screenshots of the demo family for the docs: ALLIES_SCREENSHOTS=1 to refresh them.

Home (1280 and 375 px), relationships (1280 and 375 px), a member page (375 px) and
the compose page with the tone coach showing a finding (1280 and 375 px).

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
    from allies.home.management.commands.demo import DEMO_EMAIL, DEMO_PASSWORD

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

    from allies.team.models import TeamMember

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

    # An appreciation to the speech therapist, with a demand the tone coach points at.
    dana = TeamMember.objects.get(name="Dana Whitfield")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server}/toolkit/compose/?kind=appreciation&member={dana.pk}")
    body = page.get_by_role("textbox", name="Message", exact=True)
    draft = body.input_value()
    for cue, words in (
        (
            "[what you noticed, for example: the new picture schedule this week]",
            "the picture cards you made for her speech sessions",
        ),
        (
            "[What changed, for example: our mornings have been calmer.]",
            "She used them at home to ask for help with her shoes.",
        ),
    ):
        assert cue in draft, cue
        draft = draft.replace(cue, words)
    body.fill(draft)
    # Right under the greeting, so that it shows at the top of the coach's quote.
    body.press("Control+Home")
    page.keyboard.press("End")
    page.keyboard.type("\n\nYou must send the data every Friday.")
    expect(page.locator("#tone-panel mark")).to_have_text(["You must"])
    body.blur()
    for width, height in ((1280, 900), (375, 812)):
        page.set_viewport_size({"width": width, "height": height})
        shoot(page, f"compose-{width}.png")


def shoot(page: Page, name: str) -> None:
    """A full-page screenshot, once the page is sure not to scroll sideways."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, name
    page.screenshot(path=DOCS / name, full_page=True, animations="disabled")
