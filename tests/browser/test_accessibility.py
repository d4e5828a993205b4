"""axe-core finds nothing to fix on the pages people use, filled with realistic data."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.support import (
    make_entry,
    make_meeting,
    make_member,
    make_student,
    make_user,
    make_workspace,
)

from .axe import axe_violations, describe
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def family() -> dict[str, Any]:
    from allies.log.models import Purpose
    from allies.log.services import interaction_edit, interaction_withdraw

    user = make_user("alice@example.com", display_name="Alice")
    workspace = make_workspace(user)
    maya = make_student(workspace, name="Maya R.", grade="3", school="Lincoln Elementary")
    lee = make_member(workspace, name="Ms. Jenna Lee", email="jlee@school.example")
    dana = make_member(
        workspace,
        name="Dana Whitfield",
        role="speech",
        cadence_days=7,
        email="dana@school.example",
        best_times="Tuesdays after 3 pm",
        communication_style="Short emails; bullet points help.",
    )
    now = timezone.now()
    entry = make_entry(
        workspace,
        user,
        [lee],
        summary="Checked in about the week: the visual schedule is helping.",
        purposes=int(Purpose.CHECK_IN | Purpose.VICTORY),
        tone="positive",
        follow_up_due=timezone.localdate() + datetime.timedelta(days=5),
    )
    interaction_edit(
        interaction=entry,
        author=user,
        participants=[lee],
        summary=entry.summary + " (Corrected: Thursday.)",
    )
    make_entry(
        workspace,
        user,
        [dana],
        occurred_at=now - datetime.timedelta(days=20),
        summary="Worried that two speech sessions were cancelled this month.",
        purposes=int(Purpose.CONCERN),
        tone="difficult",
    )
    # Earlier months, so that the charts have more than one bar to draw.
    for days, purpose, tone, summary in (
        (60, Purpose.APPRECIATION, "positive", "Thanked Ms. Lee for the reading log."),
        (95, Purpose.CONCERN, "difficult", "Homework is taking over an hour."),
        (150, Purpose.VICTORY, "positive", "Maya asked a question in class."),
    ):
        make_entry(
            workspace,
            user,
            [lee],
            occurred_at=now - datetime.timedelta(days=days),
            purposes=int(purpose),
            tone=tone,
            summary=summary,
        )
    withdrawn = make_entry(workspace, user, [dana, lee], summary="Logged twice by mistake.")
    interaction_withdraw(interaction=withdrawn, author=user, reason="Duplicate.")
    # The toolkit: a starred question, one of our own, two picked for the next meeting.
    from allies.questions.bank import QUESTIONS
    from allies.questions.models import CustomQuestion, FavouriteQuestion, MeetingQuestion

    FavouriteQuestion.objects.create(workspace=workspace, key=QUESTIONS[0].key)
    own = CustomQuestion.objects.create(
        workspace=workspace,
        category=QUESTIONS[0].category,
        text="What does a good speech session look like for Maya?",
        created_by=user,
        favourite=True,
    )
    MeetingQuestion.objects.create(student=maya, key=QUESTIONS[1].key, added_by=user)
    MeetingQuestion.objects.create(student=maya, custom=own, added_by=user)
    # Working together: an insight to thank for, a concern being worked on, action items.
    from allies.meetings import services as meetings

    insight = meetings.insight_record(
        workspace=workspace,
        author=user,
        observed="Maya reads aloud more readily after a movement break.",
        what_works="Two minutes of stretching before reading.",
        source="classroom",
        student=maya,
        shared_by=lee,
    )
    meetings.insight_record(
        workspace=workspace, author=user, observed="Calmer after swimming.", shared_by_name="Dad"
    )
    concern = meetings.concern_raise(
        workspace=workspace,
        author=user,
        title="Homework takes over an hour",
        interest="Maya finishes homework without tears.",
        observed="Over an hour most nights.",
        impact="No time to play.",
        tried="A timer.",
        student=maya,
        invited=[lee, dana],
    )
    meetings.concern_option_add(
        concern=concern, author=user, text="Shorter sets", suggested_by="school", member=lee
    )
    meetings.concern_link_entry(concern=concern, author=user, entry=entry)
    meetings.action_item_add(
        workspace=workspace,
        author=user,
        text="Send the shorter sets home",
        owner=lee,
        due=timezone.localdate() - datetime.timedelta(days=2),
        concern=concern,
    )
    meetings.action_item_add(workspace=workspace, author=user, text="Try the timer for a week")
    meeting = make_meeting(
        workspace,
        user,
        in_days=10,
        student=maya,
        attendees=[lee, dana],
        concern=concern,
        place="Room 12",
    )
    meetings.decision_add(meeting=meeting, author=user, text="Shorter sets for four weeks")
    # A meeting held three days ago: its follow-up, answers, and one attendee's link.
    held = make_meeting(
        workspace, user, in_days=-3, kind="progress", student=maya, attendees=[lee, dana]
    )
    meetings.decision_add(meeting=held, author=user, text="Reading group three times a week")
    meetings.action_item_add(
        workspace=workspace,
        author=user,
        meeting=held,
        text="Send the reading log",
        owner=dana,
        due=timezone.localdate() + datetime.timedelta(days=4),
    )
    meetings.meeting_log(meeting=held, author=user)
    meetings.confirmation_record(
        meeting=held, member=lee, response="confirmed", via="reply", recorded_by=user
    )
    meetings.confirmation_record(
        meeting=held, member=dana, response="correction", text="Twice a week", via="reply"
    )
    link, _expires = meetings.confirmation_link(meeting=held, member=dana)
    # One picked question on this meeting's agenda, the other asked at a meeting held; a
    # second child with a question picked and no meeting planned.
    meetings.agenda_item_add(meeting=meeting, question=own)
    asked_at = make_meeting(workspace, user, in_days=-30, student=maya, kind="progress")
    meetings.agenda_item_add(meeting=asked_at, question_key=QUESTIONS[1].key)
    leo = make_student(workspace, name="Leo R.", grade="1")
    MeetingQuestion.objects.create(student=leo, key=QUESTIONS[2].key, added_by=user)
    return {
        "meeting": meeting,
        "held": held,
        "link": link.split("/confirm/", 1)[1],
        "user": user,
        "lee": lee,
        "dana": dana,
        "entry": entry,
        "maya": maya,
        "leo": leo,
        "insight": insight,
        "concern": concern,
        "workspace": workspace,
    }


def submit_empty(button: str) -> Callable[[Page], None]:
    def act(page: Page) -> None:
        page.locator("main").get_by_role("button", name=button, exact=True).first.click()
        expect(page.locator(".form-errors, #quick-add .error").first).to_be_visible()

    return act


def open_details(page: Page) -> None:
    page.get_by_text("What it said").first.click()


def open_account_menu(page: Page) -> None:
    page.get_by_text("Account", exact=True).click()
    expect(page.get_by_role("link", name="Settings")).to_be_visible()


def make_the_address(page: Page) -> None:
    """Make the calendar feed's address: the page then shows it, its settings and reset."""
    page.get_by_role("button", name="Make my calendar address").click()
    expect(page.get_by_label("Address to subscribe to")).to_have_value(re.compile(r"\.ics$"))


def open_the(summary: str) -> Callable[[Page], None]:
    """Open the disclosure whose summary reads `summary`."""

    def act(page: Page) -> None:
        page.locator("summary", has_text=summary).click()

    return act


def choose(label: str) -> Callable[[Page], None]:
    def act(page: Page) -> None:
        page.get_by_label(label, exact=True).check()

    return act


def narrow(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 812})


def press_in_focus(button: str, then: str) -> Callable[[Page], None]:
    def act(page: Page) -> None:
        page.locator("#weekly-focus details.focus-more summary").click()
        page.locator("#weekly-focus").get_by_role("button", name=button).click()
        expect(page.locator("#weekly-focus h2")).to_contain_text(then)

    return act


def open_the_numbers(page: Page) -> None:
    """Open every chart's table so that axe checks it too."""
    for summary in page.get_by_text("The numbers", exact=True).all():
        summary.click()
    expect(page.locator("details.chart-data table").first).to_be_visible()


def type_in(label: str, text: str, finding: str) -> Callable[[Page], None]:
    """Type into a field that the tone coach reads, and wait for its finding."""

    def act(page: Page) -> None:
        field = page.get_by_role("textbox", name=label, exact=True)
        field.press("Control+End")
        page.keyboard.type(text)
        expect(page.locator("#tone-panel mark").first).to_have_text(finding)

    return act


A_DEMAND = type_in("Message", "\nYou must send the data every Friday!!", "You must")


def a_short_demand(page: Page) -> None:
    """A message short enough that the coach's quoted text does not scroll."""
    page.get_by_role("textbox", name="Message", exact=True).fill("Hi Dana,\n\nAlice")
    A_DEMAND(page)


def too_short(page: Page) -> None:
    """A meeting of two minutes: the form's defaults are otherwise enough to plan one."""
    page.get_by_label("Length (minutes)").fill("2")


def end_before_start(page: Page) -> None:
    """An export whose end comes before its start: the form refuses it."""
    page.get_by_label("From", exact=True).fill("2026-12-01")
    page.get_by_label("To", exact=True).fill("2026-11-01")


def then(*actions: Callable[[Page], None]) -> Callable[[Page], None]:
    def act(page: Page) -> None:
        for action in actions:
            action(page)

    return act


# (page name, path, logged in?, what to do before the check)
PAGES: list[tuple[str, str, bool, Callable[[Page], None] | None]] = [
    ("login", "/accounts/login/", False, None),
    ("login with errors", "/accounts/login/", False, submit_empty("Log in")),
    ("signup", "/accounts/signup/", False, None),
    ("signup with errors", "/accounts/signup/", False, submit_empty("Create account")),
    ("home", "/", True, None),
    ("home with the account menu open", "/", True, open_account_menu),
    ("home at 375 px", "/", True, narrow),
    ("home after a quick add with errors", "/", True, submit_empty("Log it")),
    ("log", "/log/", True, None),
    ("log with filters", "/log/?member={lee}&purpose=32&q=week&withdrawn=on", True, None),
    ("log with no match", "/log/?q=zebra", True, None),
    ("entry form", "/log/new/", True, None),
    ("entry form with errors", "/log/new/", True, submit_empty("Save")),
    ("entry detail", "/log/{entry}/", True, open_details),
    ("entry edit", "/log/{entry}/edit/", True, None),
    ("check the record", "/log/record/{workspace}/", True, None),
    ("check the record, bad checkpoint", "/log/record/{workspace}/?checkpoint=12", True, None),
    ("team list", "/team/", True, None),
    ("team form", "/team/new/", True, None),
    ("team form with errors", "/team/new/", True, submit_empty("Save")),
    ("team member page", "/team/{lee}/", True, None),
    ("team member page with the numbers", "/team/{lee}/", True, open_the_numbers),
    ("team member page at 375 px", "/team/{lee}/", True, then(narrow, open_the_numbers)),
    ("home with the focus accepted", "/", True, press_in_focus("I'll do it", "Accepted")),
    ("home with the focus done", "/", True, press_in_focus("Mark done", "Done")),
    ("relationships", "/relationships/", True, open_the_numbers),
    ("relationships sorted", "/relationships/?sort=name&order=desc", True, None),
    ("relationships at 375 px", "/relationships/", True, then(narrow, open_the_numbers)),
    ("entry form for a follow-up", "/log/new/?follows={entry}", True, None),
    ("entry form for a follow-up at 375 px", "/log/new/?follows={entry}", True, narrow),
    ("student list", "/students/", True, None),
    ("student form", "/students/new/", True, None),
    ("workspaces", "/workspaces/", True, None),
    ("settings", "/accounts/settings/", True, None),
    ("calendar feed", "/accounts/calendar/", True, None),
    ("calendar feed with its address", "/accounts/calendar/", True, make_the_address),
    ("calendar feed at 375 px", "/accounts/calendar/", True, then(narrow, make_the_address)),
    ("toolkit", "/toolkit/", True, None),
    ("compose", "/toolkit/compose/?kind=appreciation&member={dana}", True, None),
    (
        "compose with a tone finding",
        "/toolkit/compose/?kind=appreciation&member={dana}",
        True,
        A_DEMAND,
    ),
    (
        "compose with a tone finding at 375 px",
        "/toolkit/compose/?kind=appreciation&member={dana}",
        True,
        then(narrow, A_DEMAND),
    ),
    (
        "compose with a short tone finding",
        "/toolkit/compose/?kind=appreciation&member={dana}",
        True,
        a_short_demand,
    ),
    (
        "compose with a short tone finding at 375 px",
        "/toolkit/compose/?kind=appreciation&member={dana}",
        True,
        then(narrow, a_short_demand),
    ),
    ("compose with errors", "/toolkit/compose/", True, submit_empty("Log it")),
    ("monthly update", "/toolkit/monthly/", True, None),
    ("question bank", "/toolkit/questions/", True, None),
    ("question bank with errors", "/toolkit/questions/", True, submit_empty("Add it")),
    ("meeting questions", "/students/{maya}/meeting-questions/", True, None),
    ("meeting questions at 375 px", "/students/{maya}/meeting-questions/", True, narrow),
    ("meeting questions, no meeting planned", "/students/{leo}/meeting-questions/", True, None),
    ("meeting questions to print", "/students/{maya}/meeting-questions/print/", True, None),
    ("guide", "/guide/", True, None),
    ("guide page", "/guide/lead-with-appreciation/", True, None),
    ("templates", "/toolkit/templates/", True, None),
    ("template edit form", "/toolkit/templates/appreciation/en/", True, None),
    ("working together", "/working-together/", True, None),
    ("working together at 375 px", "/working-together/", True, narrow),
    ("insights", "/insights/", True, None),
    ("insights at 375 px", "/insights/", True, narrow),
    ("insights filtered", "/insights/?source=classroom&q=reads&shared_by={lee}", True, None),
    ("insight form", "/insights/new/", True, None),
    ("insight form with errors", "/insights/new/", True, submit_empty("Save")),
    ("insight form at 375 px", "/insights/new/", True, narrow),
    ("insight", "/insights/{insight}/", True, None),
    ("insight at 375 px", "/insights/{insight}/", True, narrow),
    ("insight edit", "/insights/{insight}/edit/", True, None),
    ("concerns", "/concerns/", True, None),
    ("concerns at 375 px", "/concerns/", True, narrow),
    ("concern form", "/concerns/new/", True, None),
    ("concern form with errors", "/concerns/new/", True, submit_empty("Save")),
    ("concern form at 375 px", "/concerns/new/", True, narrow),
    ("concern", "/concerns/{concern}/", True, None),
    ("concern at 375 px", "/concerns/{concern}/", True, narrow),
    (
        "concern with an option refused",
        "/concerns/{concern}/",
        True,
        submit_empty("Add the option"),
    ),
    ("concern edit", "/concerns/{concern}/edit/", True, None),
    ("meetings", "/meetings/", True, None),
    ("meetings at 375 px", "/meetings/", True, narrow),
    ("meeting form", "/meetings/new/", True, None),
    ("meeting form with errors", "/meetings/new/", True, then(too_short, submit_empty("Plan it"))),
    ("meeting form at 375 px", "/meetings/new/?concern={concern}", True, narrow),
    ("meeting", "/meetings/{meeting}/", True, None),
    ("meeting at 375 px", "/meetings/{meeting}/", True, narrow),
    ("meeting packet", "/meetings/{meeting}/packet/", True, None),
    (
        "meeting with a decision refused",
        "/meetings/{meeting}/",
        True,
        submit_empty("Add the decision"),
    ),
    (
        "meeting held, with its answers",
        "/meetings/{held}/",
        True,
        open_the("The record of answers"),
    ),
    (
        "meeting held at 375 px",
        "/meetings/{held}/",
        True,
        then(narrow, open_the("Mark confirmed by…")),
    ),
    (
        "meeting held, a reply refused",
        "/meetings/{held}/",
        True,
        then(open_the("Mark confirmed by…"), submit_empty("Record their answer")),
    ),
    ("confirmation link", "/confirm/{link}", False, None),
    ("confirmation link at 375 px", "/confirm/{link}", False, narrow),
    (
        "confirmation link, a correction without words",
        "/confirm/{link}",
        False,
        then(choose("Correction"), submit_empty("Send my answer")),
    ),
    ("relationships, one child", "/relationships/?student={maya}", True, None),
    ("relationships, one child at 375 px", "/relationships/?student={maya}", True, narrow),
    ("log export", "/log/export/", True, None),
    ("log export at 375 px", "/log/export/", True, narrow),
    (
        "log export with errors",
        "/log/export/",
        True,
        then(end_before_start, submit_empty("Download")),
    ),
    ("check an export", "/log/export/verify/", True, None),
    ("check an export at 375 px", "/log/export/verify/", True, narrow),
    ("check an export with errors", "/log/export/verify/", True, submit_empty("Check it")),
    ("student's dates", "/students/{maya}/dates/", True, None),
    ("student's dates at 375 px", "/students/{maya}/dates/", True, narrow),
    ("meeting step edit", "/meetings/{meeting}/steps/{step}/edit/", True, None),
    ("meeting edit", "/meetings/{meeting}/edit/", True, None),
    ("action items", "/actions/", True, None),
    ("action items at 375 px", "/actions/", True, narrow),
    ("action items, all", "/actions/?status=all", True, None),
    ("action item form", "/actions/new/", True, None),
    ("action item form with errors", "/actions/new/", True, submit_empty("Save")),
    ("action item form at 375 px", "/actions/new/", True, narrow),
    (
        "entry form with the tone panel",
        "/log/new/",
        True,
        type_in("What happened", "You never answer my emails", "You never"),
    ),
    (
        "home with the tone panel in the quick add",
        "/",
        True,
        type_in("In one line", "You never answer my emails", "You never"),
    ),
]


# Known violations the tests cannot fix: page name -> the bug, as reported.
# Page states with a known violation, each with the reason: none at the moment.
KNOWN: dict[str, str] = {}


@pytest.mark.parametrize(
    ("path", "logged_in", "action"),
    [
        pytest.param(
            path,
            auth,
            act,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN[name])] if name in KNOWN else [],
        )
        for name, path, auth, act in PAGES
    ],
)
def test_axe_finds_no_violations(
    page: Page,
    server: str,
    family: dict[str, Any],
    path: str,
    logged_in: bool,
    action: Callable[[Page], None] | None,
) -> None:
    if logged_in:
        log_in(page.context, server, family["user"])
    url = server + path.format(
        lee=family["lee"].pk,
        dana=family["dana"].pk,
        maya=family["maya"].pk,
        leo=family["leo"].pk,
        entry=family["entry"].pk,
        insight=family["insight"].pk,
        concern=family["concern"].pk,
        meeting=family["meeting"].pk,
        held=family["held"].pk,
        link=family["link"],
        step=family["meeting"].checklist.first().pk,
        workspace=family["workspace"].pk,
    )
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    # axe judges contrast from computed styles: make sure the app's CSS is there (a
    # printable page has the print stylesheet, whose screen links are a flex row).
    if path.endswith(("/print/", "/packet/")):
        expect(page.locator(".screen-links")).to_have_css("display", "flex")
    else:
        expect(page.locator(".skip-link")).to_have_css("left", "-9999px")
    if action is not None:
        action(page)
    violations = axe_violations(page)
    assert not violations, f"axe found problems on {path}:\n{describe(violations)}"
