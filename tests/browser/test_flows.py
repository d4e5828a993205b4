"""A new parent's first session, end to end in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEE = "Ms. Lee (General education teacher)"
DANA = "Dana Whitfield (Speech-language pathologist)"
LEE_SUMMARY = "Asked about the spelling list for Friday"
DANA_SUMMARY = "Thanked Dana for the speech games"


def sign_up(page: Page, server: str, email: str) -> None:
    page.goto(f"{server}/accounts/signup/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Your name").fill("Alex")
    page.get_by_label("Password", exact=True).fill("a long and unusual passphrase")
    page.get_by_label("Password confirmation").fill("a long and unusual passphrase")
    page.get_by_label("Name for your family workspace").fill("The Rivera family")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(f"{server}/students/new/")


def add_student(page: Page, name: str) -> None:
    page.get_by_label("Name or initials").fill(name)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Add a team member")).to_be_visible()


def add_team_member(page: Page, name: str, role: str, *, another: bool = False) -> None:
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Role", exact=True).select_option(label=role)
    button = "Save and add another" if another else "Save"
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_text(f"{name} is on the team.")).to_be_visible()


def quick_add(page: Page, member: str, purpose: str, summary: str) -> None:
    """Log a contact from home; htmx swaps the card and the lists in place."""
    quick = page.locator("#quick-add")
    quick.get_by_label("Who").select_option(label=member)
    quick.get_by_label("Why").select_option(label=purpose)
    quick.get_by_label("In one line").fill(summary)
    quick.get_by_role("button", name="Log it").click()
    name = member.split(" (")[0]
    expect(page.locator("#quick-add p[role=status]")).to_contain_text(
        f"Logged: contact with {name}."
    )


def test_a_new_parent_logs_a_contact_and_finds_it_again(page: Page, server: str) -> None:
    sign_up(page, server, "new.parent@example.com")
    expect(page.get_by_text("Welcome to Allies.")).to_be_visible()
    add_student(page, "Maya R.")
    add_team_member(page, "Ms. Lee", "General education teacher", another=True)
    add_team_member(page, "Dana Whitfield", "Speech-language pathologist")
    expect(page.get_by_role("link", name="Ms. Lee")).to_be_visible()

    page.get_by_role("link", name="Home", exact=True).click()
    latest = page.locator("#latest")
    expect(latest).to_contain_text("Nothing logged yet.")
    # A marker on window survives an htmx swap but not a page load.
    page.evaluate("() => { window.__sameDocument = true; }")
    quick_add(page, LEE, "Question", LEE_SUMMARY)
    expect(latest.locator(".entry-summary")).to_have_text([LEE_SUMMARY])
    quick_add(page, DANA, "Appreciation", DANA_SUMMARY)
    expect(latest.locator(".entry-summary")).to_have_count(2)
    expect(latest).to_contain_text(DANA_SUMMARY)
    expect(page.locator("#quick-add").get_by_label("In one line")).to_have_value("")
    assert page.evaluate("() => window.__sameDocument") is True, "the quick add reloaded home"

    page.get_by_role("link", name="Log", exact=True).click()
    expect(page).to_have_url(f"{server}/log/")
    results = page.locator("#log-results")
    expect(results.locator(".entry-summary")).to_have_count(2)
    page.evaluate("() => { window.__sameDocument = true; }")

    from allies.team.models import TeamMember

    lee = TeamMember.objects.get(name="Ms. Lee")
    page.get_by_text("Filter by person, purpose").click()
    page.get_by_label("Person").select_option(label=LEE)
    expect(page).to_have_url(re.compile(rf"[?&]member={lee.pk}(&|$)"))
    expect(results.locator(".entry-summary")).to_have_text([LEE_SUMMARY])
    expect(results.get_by_role("status")).to_have_text("1 entry")

    page.get_by_label("Person").select_option(label="Anyone")
    page.get_by_label("Purpose").select_option(label="Appreciation")
    expect(page).to_have_url(re.compile(r"[?&]purpose=1(&|$)"))
    expect(results.locator(".entry-summary")).to_have_text([DANA_SUMMARY])

    page.get_by_label("Purpose").select_option(label="Any")
    page.get_by_label("Search summaries").fill("spelling")
    expect(page).to_have_url(re.compile(r"[?&]q=spelling(&|$)"))
    expect(results.locator(".entry-summary")).to_have_text([LEE_SUMMARY])

    page.get_by_label("Search summaries").fill("zebra")
    expect(page).to_have_url(re.compile(r"[?&]q=zebra(&|$)"))
    expect(results).to_contain_text("No entries match")
    expect(results.locator(".entry")).to_have_count(0)
    assert page.evaluate("() => window.__sameDocument") is True, "filtering reloaded the log"

    # The pushed URL is a real page: opening it again shows the same filtered result.
    page.reload()
    expect(page.get_by_label("Search summaries")).to_have_value("zebra")
    expect(page.locator("#log-results")).to_contain_text("No entries match")
