"""The meeting page in a real browser (issue 10), at 1280 and 375 px: a tick counts at
once, the agenda moves by keyboard with focus kept and the new place announced, and the
notes save as they are typed: through a lost connection (kept in the tab, sent again when
it is back), and against a save made elsewhere (refused, theirs shown, nothing lost).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.support import make_meeting, make_member, make_student, make_user, make_workspace

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.fixture
def meeting(login: Callable[[Any], None]) -> Any:
    from allies.meetings import services

    user = make_user("alice@example.com", display_name="Alice")
    workspace = make_workspace(user, name="The Rivera family")
    maya = make_student(workspace, name="Maya R.")
    lee = make_member(workspace, name="Ms. Lee", email="lee@school.example")
    meeting = make_meeting(workspace, user, in_days=10, student=maya, attendees=[lee])
    for text in ("Reading at home", "Homework time", "Speech goals"):
        services.agenda_item_add(meeting=meeting, text=text)
    login(user)
    return meeting


def notes_box(page: Page) -> Any:
    return page.get_by_role("textbox", name="Notes", exact=True)


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_a_tick_counts_at_once_and_stays(page: Page, server: str, meeting: Any, size: str) -> None:
    page.set_viewport_size(SIZES[size])
    page.goto(f"{server}/meetings/{meeting.pk}/")
    first = page.locator("#checklist button.tick").first
    expect(first).to_have_attribute("aria-pressed", "false")
    expect(page.locator('[data-progress="1"]')).to_have_text("0 of 5 before")
    first.click()
    expect(first).to_have_attribute("aria-pressed", "true")
    expect(page.locator('[data-progress="1"]')).to_have_text("1 of 5 before")
    # Saved, not only drawn: a new load shows it ticked.
    page.reload()
    expect(page.locator("#checklist button.tick").first).to_have_attribute("aria-pressed", "true")
    assert meeting.checklist.filter(done_at__isnull=False).count() == 1


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_the_agenda_moves_by_keyboard_and_says_where(
    page: Page, server: str, meeting: Any, size: str
) -> None:
    page.set_viewport_size(SIZES[size])
    page.goto(f"{server}/meetings/{meeting.pk}/")
    points = page.locator("[data-agenda] .point-text")
    expect(points).to_have_text(["Reading at home", "Homework time", "Speech goals"])
    down = page.locator("[data-point]", has_text="Reading at home").get_by_role(
        "button", name="Move down"
    )
    down.focus()
    page.keyboard.press("Enter")
    expect(points).to_have_text(["Homework time", "Reading at home", "Speech goals"])
    expect(page.locator("[data-agenda-status]")).to_have_text("Now number 2 of 3 on the agenda.")
    # Focus stays on the button pressed, so a second Enter moves it again.
    expect(down).to_be_focused()
    page.keyboard.press("Enter")
    expect(points).to_have_text(["Homework time", "Speech goals", "Reading at home"])
    page.reload()
    expect(points).to_have_text(["Homework time", "Speech goals", "Reading at home"])


def test_notes_save_as_typed_and_survive_a_lost_connection(
    page: Page, server: str, meeting: Any
) -> None:
    page.goto(f"{server}/meetings/{meeting.pk}/")
    box = notes_box(page)
    box.fill("Mrs. Lee: reading log twice a week.")
    expect(page.locator("[data-notes-status]")).to_contain_text("Saved at")
    meeting.refresh_from_db()
    assert meeting.notes == "Mrs. Lee: reading log twice a week."

    # The connection drops while typing: the page says so and keeps the text in the tab.
    page.context.set_offline(True)
    box.press("End")
    page.keyboard.type(" Speech: visuals for homework.")
    box.blur()
    expect(page.locator("[data-notes-status]")).to_contain_text("connection failed")
    kept = "Mrs. Lee: reading log twice a week. Speech: visuals for homework."
    stored = page.evaluate(
        "key => JSON.parse(sessionStorage.getItem(key)).text",
        f"allies-meeting-notes-{meeting.pk}",
    )
    assert stored == kept
    meeting.refresh_from_db()
    assert meeting.notes == "Mrs. Lee: reading log twice a week."
    # Back online: sent again without a click.
    page.context.set_offline(False)
    expect(page.locator("[data-notes-status]")).to_contain_text("Saved at")
    meeting.refresh_from_db()
    assert meeting.notes == kept


def test_unsaved_notes_come_back_after_a_reload(page: Page, server: str, meeting: Any) -> None:
    """What a failed save leaves in the tab (as the test above shows it does) is put back
    after a reload, and saved."""
    page.goto(f"{server}/meetings/{meeting.pk}/")
    page.evaluate(
        "key => sessionStorage.setItem(key, JSON.stringify({text: 'Typed while the wifi "
        "was down.', version: '0'}))",
        f"allies-meeting-notes-{meeting.pk}",
    )
    page.reload()
    expect(notes_box(page)).to_have_value("Typed while the wifi was down.")
    expect(page.locator("[data-notes-status]")).to_contain_text("Saved at")
    meeting.refresh_from_db()
    assert meeting.notes == "Typed while the wifi was down."
    # Saved, so no longer kept in the tab.
    assert (
        page.evaluate("key => sessionStorage.getItem(key)", f"allies-meeting-notes-{meeting.pk}")
        is None
    )


def test_notes_saved_elsewhere_are_shown_and_nothing_is_lost(
    page: Page, server: str, meeting: Any
) -> None:
    from allies.meetings import services

    page.goto(f"{server}/meetings/{meeting.pk}/")
    # Someone else saves from another page after this one loaded.
    services.meeting_notes_save(
        meeting=meeting, notes="Dad's notes from his phone.", base_version=0
    )
    notes_box(page).fill("My notes from the laptop.")
    theirs = page.locator("[data-notes-theirs]")
    expect(theirs).to_be_visible()
    expect(theirs).to_contain_text("Dad's notes from his phone.")
    expect(notes_box(page)).to_have_value("My notes from the laptop.")
    meeting.refresh_from_db()
    assert meeting.notes == "Dad's notes from his phone."
    # Typing on does not overwrite theirs; "Save the notes" does, on purpose.
    page.keyboard.type(" And more.")
    page.get_by_role("button", name="Save the notes").click()
    expect(page.locator("[data-notes-status]")).to_contain_text("Saved at")
    expect(theirs).to_be_hidden()
    meeting.refresh_from_db()
    assert meeting.notes == "My notes from the laptop. And more."
