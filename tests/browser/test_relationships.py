"""The weekly focus, the relationships page and follow-ups, in a real browser."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from tests.support import make_entry, make_member, make_user, make_workspace

from .conftest import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def quiet_since(workspace: Any, user: Any, name: str, days: int, cadence: int = 7) -> Any:
    """A team member last contacted `days` ago with a plain check-in: no victory, no concern."""
    member = make_member(workspace, name=name, cadence_days=cadence)
    make_entry(
        workspace, user, [member], occurred_at=days_ago(days), summary=f"Checked in with {name}."
    )
    return member


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def focus_card(page: Page) -> Locator:
    return page.locator("#weekly-focus")


def body_rows(page: Page) -> Locator:
    return page.locator(".health-table tbody tr")


def row_for(page: Page, name: str) -> Locator:
    return body_rows(page).filter(has=page.get_by_role("link", name=name, exact=True))


@pytest.fixture
def alice(db: Any) -> Any:
    return make_user("alice@example.com", display_name="Alice")


@pytest.fixture
def workspace(alice: Any) -> Any:
    return make_workspace(alice)


def test_the_weekly_focus_leads_to_a_check_in_and_the_streak_grows(
    page: Page, server: str, login: Callable[[Any], None], alice: Any, workspace: Any
) -> None:
    from allies.log.models import Interaction, Purpose
    from allies.relationships.focus import week_of
    from allies.relationships.models import WeeklyFocus

    lee = quiet_since(workspace, alice, "Ms. Lee", days=20)
    WeeklyFocus.objects.create(
        workspace=workspace,
        week=week_of(timezone.localdate()) - datetime.timedelta(days=7),
        rule="appreciate",
        key=f"appreciate:{lee.pk}",
        member=lee,
        state="done",
    )
    login(alice)

    page.goto(f"{server}/")
    card = focus_card(page)
    expect(card.get_by_role("heading")).to_have_text("This week's focus")
    expect(card).to_contain_text("Check in with Ms. Lee")
    expect(card.locator(".focus-reason")).to_have_text(
        "No contact for 20 days; you planned to check in every 7 days. Why this helps"
    )
    expect(card.get_by_role("link", name="Why this helps")).to_have_attribute(
        "href", "/guide/regular-positive-communication/"
    )
    expect(card.locator("#focus-streak")).to_have_text(
        "Streak: 1 week in a row with the focus done."
    )

    page.goto(f"{server}/relationships/")
    expect(row_for(page, "Ms. Lee").locator(".status")).to_have_text("Overdue")
    losing = page.get_by_role("region", name="Losing touch")
    expect(losing).to_contain_text("Ms. Lee")
    expect(losing).to_contain_text("20 days since the last contact")

    page.goto(f"{server}/")
    card.get_by_role("button", name="Log a check-in").click()
    expect(page).to_have_url(re.compile(rf"^{server}/log/new/\?"))
    assert query_of(page) == {"member": [str(lee.pk)], "purpose": ["32"]}
    expect(page.get_by_role("checkbox", name=re.compile(r"^Ms\. Lee"))).to_be_checked()
    expect(page.get_by_role("checkbox", name="Check-in", exact=True)).to_be_checked()
    checked_purposes = page.locator("input[name=purposes]:checked")
    expect(checked_purposes).to_have_count(1)
    page.get_by_label("What happened").fill("Asked Ms. Lee how the new seating is going.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Added to the log.")).to_be_visible()
    saved = Interaction.objects.latest("pk")
    assert saved.purposes == Purpose.CHECK_IN
    assert list(saved.participants.all()) == [lee]
    this_week = WeeklyFocus.objects.get(workspace=workspace, week=week_of(timezone.localdate()))
    assert (this_week.rule, this_week.state, this_week.done_with) == ("check_in", "done", saved)

    page.goto(f"{server}/relationships/")
    expect(row_for(page, "Ms. Lee").locator(".status")).to_have_text("On track")
    expect(page.get_by_role("region", name="Losing touch")).to_contain_text(
        "Everyone is within their check-in rhythm."
    )

    page.goto(f"{server}/")
    expect(card.get_by_role("heading")).to_have_text("This week's focus Done")
    expect(card).to_contain_text("Check in with Ms. Lee")
    # Done: nothing left to press.
    expect(card.get_by_role("button")).to_have_count(0)
    expect(card.locator("#focus-streak")).to_have_text(
        "Streak: 2 weeks in a row with the focus done."
    )


def test_another_suggestion_then_done_with_the_keyboard_alone(
    page: Page, server: str, login: Callable[[Any], None], alice: Any, workspace: Any
) -> None:
    quiet_since(workspace, alice, "Mr. Okafor", days=30)
    quiet_since(workspace, alice, "Dana Whitfield", days=20)
    login(alice)
    page.goto(f"{server}/")
    card = focus_card(page)
    expect(card).to_contain_text("Check in with Mr. Okafor")
    expect(card.locator("#focus-streak")).to_have_text(
        "Streak: none yet. Small, consistent actions add up."
    )

    # The mouse: "I'll do it", behind "More for this focus", takes the suggestion on.
    card.get_by_text("More for this focus").click()
    card.get_by_role("button", name="I'll do it").click()
    expect(page.get_by_text("You have taken on this week's focus.")).to_be_visible()
    expect(card.get_by_role("heading")).to_have_text("This week's focus Accepted")
    expect(card.get_by_role("button", name="I'll do it")).to_have_count(0)

    # The keyboard: Tab to "More for this focus", Enter opens it, then Tab to each button.
    tab_to(page, "#weekly-focus details.focus-more summary", most=30)
    page.keyboard.press("Enter")
    tab_to(page, "#weekly-focus form[action$='/another/'] button", most=30)
    expect(card.get_by_role("button", name="Suggest another")).to_be_focused()
    page.keyboard.press("Enter")
    expect(card).to_contain_text("Check in with Dana Whitfield")
    expect(card).not_to_contain_text("Mr. Okafor")
    expect(card.locator(".focus-reason")).to_have_text(
        "No contact for 20 days; you planned to check in every 7 days. Why this helps"
    )
    # A new suggestion is only suggested again.
    tab_to(page, "#weekly-focus details.focus-more summary", most=30)
    page.keyboard.press("Enter")
    expect(card.get_by_role("button", name="I'll do it")).to_be_visible()

    tab_to(page, "#weekly-focus form[action$='/done/'] button", most=30)
    expect(card.get_by_role("button", name="Mark done")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Marked done for this week. Well done.")).to_be_visible()
    expect(card.get_by_role("heading")).to_have_text("This week's focus Done")
    expect(card).to_contain_text("Check in with Dana Whitfield")
    expect(card.get_by_role("button")).to_have_count(0)
    expect(card.locator("#focus-streak")).to_have_text(
        "Streak: 1 week in a row with the focus done."
    )


def test_a_past_due_follow_up_is_logged_from_the_focus(
    page: Page, server: str, login: Callable[[Any], None], alice: Any, workspace: Any
) -> None:
    lee = make_member(workspace, name="Ms. Lee", cadence_days=30)
    due = timezone.localdate() - datetime.timedelta(days=3)
    asked = make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=days_ago(10),
        purposes=8,  # a question
        summary="Asked for the spelling list; she will send it.",
        follow_up_due=due,
    )
    login(alice)

    page.goto(f"{server}/")
    card = focus_card(page)
    expect(card).to_contain_text("Follow up with Ms. Lee")
    expect(card.locator(".focus-reason")).to_contain_text("3 days ago")
    expect(card.locator(".focus-reason")).to_contain_text("Asked for the spelling list")
    card.get_by_role("button", name="Log the follow-up").click()
    expect(page).to_have_url(re.compile(rf"^{server}/log/new/\?"))
    assert query_of(page)["follows"] == [str(asked.pk)]
    notice = page.locator("p.notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("This entry answers the follow-up planned for")
    expect(notice).to_contain_text("Asked for the spelling list")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Ms\. Lee"))).to_be_checked()
    page.get_by_role("checkbox", name="Update", exact=True).check()
    page.get_by_label("What happened").fill("The spelling list came home in the folder.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Added to the log.")).to_be_visible()

    page.goto(f"{server}/log/{asked.pk}/")
    expect(page.locator(".facts").first).to_contain_text(re.compile(r"done on \w+"))
    expect(page.get_by_role("button", name="Mark follow-up done")).to_have_count(0)

    page.goto(f"{server}/")
    expect(card.get_by_role("heading")).to_have_text("This week's focus Done")


def test_mark_follow_up_done_on_an_entry_page(
    page: Page, server: str, login: Callable[[Any], None], alice: Any, workspace: Any
) -> None:
    lee = make_member(workspace, name="Ms. Lee")
    entry = make_entry(
        workspace,
        alice,
        [lee],
        summary="Asked about the field trip form.",
        follow_up_due=timezone.localdate() + datetime.timedelta(days=2),
    )
    login(alice)
    page.goto(f"{server}/log/{entry.pk}/")
    page.get_by_role("button", name="Mark follow-up done").click()
    expect(page.get_by_text("Follow-up marked done.")).to_be_visible()
    expect(page).to_have_url(f"{server}/log/{entry.pk}/")
    expect(page.locator(".facts .status")).to_contain_text("done on")
    expect(page.get_by_role("button", name="Mark follow-up done")).to_have_count(0)
    entry.refresh_from_db()
    assert entry.follow_up_done == timezone.localdate()


def test_the_relationships_table_sorts_by_its_column_headers(
    page: Page, server: str, login: Callable[[Any], None], alice: Any, workspace: Any
) -> None:
    quiet_since(workspace, alice, "Alvarez", days=2)  # on track, a little into the rhythm
    make_member(workspace, name="Brown", cadence_days=7)  # added today, nothing logged
    quiet_since(workspace, alice, "Carter", days=20)  # overdue
    login(alice)
    page.goto(f"{server}/relationships/")
    names = body_rows(page).locator("th[scope=row] a")
    head = page.locator(".health-table thead")

    # Who needs attention first, by default.
    expect(names).to_have_text(["Carter", "Alvarez", "Brown"])
    expect(head.locator("th[aria-sort]")).to_have_count(1)
    expect(head.locator("th[aria-sort]")).to_have_attribute("aria-sort", "ascending")
    expect(head.locator("th[aria-sort]")).to_contain_text("Status")

    head.get_by_role("link", name=re.compile(r"^Name")).click()
    expect(page).to_have_url(f"{server}/relationships/?sort=name")
    expect(names).to_have_text(["Alvarez", "Brown", "Carter"])
    name_header = head.get_by_role("columnheader", name=re.compile(r"^Name"))
    expect(name_header).to_have_attribute("aria-sort", "ascending")
    expect(head.locator("th[aria-sort]")).to_have_count(1)

    # Again: the other way round.
    head.get_by_role("link", name=re.compile(r"^Name")).click()
    expect(page).to_have_url(f"{server}/relationships/?sort=name&order=desc")
    expect(names).to_have_text(["Carter", "Brown", "Alvarez"])
    expect(name_header).to_have_attribute("aria-sort", "descending")

    # The longest silence first: never contacted, then the oldest contact.
    head.get_by_role("link", name=re.compile(r"^Last contact")).click()
    expect(page).to_have_url(f"{server}/relationships/?sort=last")
    expect(names).to_have_text(["Brown", "Carter", "Alvarez"])
    expect(head.get_by_role("columnheader", name=re.compile(r"^Last contact"))).to_have_attribute(
        "aria-sort", "ascending"
    )
    expect(name_header).not_to_have_attribute("aria-sort", re.compile(".*"))
    expect(head.locator("th[aria-sort]")).to_have_count(1)


@pytest.fixture
def busy_team(alice: Any, workspace: Any) -> dict[str, Any]:
    """A year of contacts with long names, open follow-ups and every status."""
    from allies.log.models import Purpose

    okafor = make_member(
        workspace, name="Mr. David Okafor-Montgomery", role="case_manager", cadence_days=7
    )
    grant = make_member(workspace, name="Mrs. Tanya Grant-Fitzgerald", role="para", cadence_days=7)
    howard = make_member(
        workspace, name="Principal Marcus Howard-Washington", role="administrator", cadence_days=45
    )
    kinds = [
        (Purpose.VICTORY, "positive", "Maya read a whole page aloud."),
        (Purpose.CONCERN, "difficult", "Homework is taking over an hour."),
        (Purpose.APPRECIATION, "positive", "Thanked them for the visual schedule."),
        (Purpose.CHECK_IN, "neutral", "A quiet, steady week."),
    ]
    for i, days in enumerate(range(4, 340, 23)):
        purpose, tone, summary = kinds[i % len(kinds)]
        make_entry(
            workspace,
            alice,
            [okafor, grant] if i % 3 else [okafor],
            occurred_at=days_ago(days),
            purposes=int(purpose),
            tone=tone,
            summary=summary,
        )
    make_entry(workspace, alice, [howard], occurred_at=days_ago(100), summary="Met the principal.")
    make_entry(
        workspace,
        alice,
        [okafor],
        occurred_at=days_ago(12),
        purposes=int(Purpose.REQUEST),
        summary="Asked for the behaviour data from October and the reading benchmark scores.",
        follow_up_due=timezone.localdate() - datetime.timedelta(days=2),
    )
    return {"okafor": okafor}


@pytest.mark.parametrize("path", ["/relationships/", "/team/{okafor}/"])
def test_relationship_pages_and_charts_fit_a_375_px_screen(
    page: Page,
    server: str,
    login: Callable[[Any], None],
    alice: Any,
    busy_team: dict[str, Any],
    path: str,
) -> None:
    login(alice)
    page.set_viewport_size(PHONE)
    page.goto(server + path.format(okafor=busy_team["okafor"].pk))
    charts = page.locator("figure.chart svg")
    expect(charts).to_have_count(2)
    expect(page.locator("figure.chart figcaption").first).to_be_visible()
    # With the numbers behind each chart open too.
    for summary in page.locator("details.chart-data summary").all():
        summary.click()
    expect(page.locator("details.chart-data table").nth(1)).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{path} scrolls sideways ({width}px)"
    for box in (charts.nth(i).bounding_box() for i in range(2)):
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    # Axis labels stay readable once the viewBox shrinks to the phone (about 10.7 px).
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('figure.chart svg')].map(svg => {
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              const label = svg.querySelector('.axis-label');
              return parseFloat(getComputedStyle(label).fontSize) * scale;
            }))"""
    )
    assert smallest >= 10, f"chart labels are drawn at {smallest:.1f}px on a 375 px screen"
    # A wide table scrolls inside its own box, never the page.
    for wrap in page.locator(".table-wrap").all():
        assert wrap.evaluate("el => el.getBoundingClientRect().right") <= PHONE["width"]


def test_the_open_follow_ups_heading_is_not_bigger_than_its_card_heading(
    page: Page, server: str, login: Callable[[Any], None], alice: Any, busy_team: dict[str, Any]
) -> None:
    login(alice)
    page.goto(f"{server}/team/{busy_team['okafor'].pk}/")
    card = page.get_by_role("region", name=re.compile("How this relationship is doing"))
    sub = card.get_by_role("heading", name="Open follow-ups", level=3)
    expect(sub).to_be_visible()
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    h2, h3 = card.locator("h2").evaluate(size), sub.evaluate(size)
    assert h3 <= h2, f"the h3 is {h3}px, the card's h2 {h2}px"
