"""The pages that rename, leave, archive, delete and switch: axe finds nothing to fix, and
archiving and restoring a student works with the keyboard alone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.support import make_entry, make_member, make_student, make_user, make_workspace

from .axe import axe_violations, describe
from .conftest import log_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def family() -> dict[str, Any]:
    from allies.questions.models import CustomQuestion, MeetingQuestion
    from allies.toolkit.models import MessageTemplate
    from allies.workspaces.services import membership_add

    alice = make_user("alice@example.com", display_name="Alice")
    workspace = make_workspace(alice)
    erin = make_user("erin@example.com")
    membership_add(workspace=workspace, user=erin, role="editor")
    maya = make_student(workspace, name="Maya R.", grade="3", school="Lincoln Elementary")
    sam = make_student(workspace, name="Sam R.")
    make_student(workspace, name="Kim R.", archived=True)
    lee = make_member(workspace, name="Ms. Jenna Lee")
    make_entry(workspace, alice, [lee], student=maya, summary="Talked about Maya's reading.")
    own = CustomQuestion.objects.create(
        workspace=workspace, category="meetings", text="Who takes notes at meetings?"
    )
    MeetingQuestion.objects.create(student=maya, custom=own, added_by=alice)
    MessageTemplate.objects.create(
        workspace=workspace,
        kind="appreciation",
        language="en",
        subject="Thank you, {recipients}",
        body="Thank you for everything you do for {student}.\n\n{my_name}",
    )
    school = make_workspace(make_user("bob@example.com"), name="Lincoln caseload", kind="school")
    membership_add(workspace=school, user=alice, role="viewer")
    return {
        "alice": alice,
        "erin": erin,
        "workspace": workspace,
        "school": school,
        "maya": maya,
        "sam": sam,
        "own": own,
    }


def rename_to_nothing(page: Page) -> None:
    page.get_by_role("textbox", name="Name").fill("")
    page.get_by_role("button", name="Rename").click()
    expect(page.locator("#id_name_error")).to_be_visible()


# (page name, path, who, what to do before the check)
PAGES: list[tuple[str, str, str, Callable[[Page], None] | None]] = [
    ("workspace page with rename", "/workspaces/{workspace}/", "alice", None),
    ("workspace rename refused", "/workspaces/{workspace}/", "alice", rename_to_nothing),
    ("leave, asked", "/workspaces/{workspace}/leave/", "erin", None),
    ("leave, last owner", "/workspaces/{workspace}/leave/", "alice", None),
    ("student archive, asked", "/students/{maya}/remove/", "alice", None),
    ("student delete, asked", "/students/{sam}/remove/", "alice", None),
    ("students with the archived", "/students/?archived=1", "alice", None),
    ("template reset, asked", "/toolkit/templates/appreciation/en/reset/", "alice", None),
    ("own question delete, asked", "/toolkit/questions/{own}/delete/", "alice", None),
    ("workspace link, asked", "/workspaces/{school}/open/?next=/log/", "alice", None),
]


@pytest.mark.parametrize(
    ("path", "who", "action"), [p[1:] for p in PAGES], ids=[p[0] for p in PAGES]
)
def test_axe_finds_no_violations(
    page: Page,
    server: str,
    family: dict[str, Any],
    path: str,
    who: str,
    action: Callable[[Page], None] | None,
) -> None:
    log_in(page.context, server, family[who])
    url = server + path.format(**{k: v.pk for k, v in family.items()})
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    expect(page.locator(".skip-link")).to_have_css("left", "-9999px")
    if action is not None:
        action(page)
    violations = axe_violations(page)
    assert not violations, f"axe found problems on {path}:\n{describe(violations)}"


def test_a_button_s_address_opened_as_a_link_explains_itself(
    page: Page, server: str, family: dict[str, Any]
) -> None:
    log_in(page.context, server, family["alice"])
    response = page.goto(server + "/log/quick/")
    assert response is not None and response.status == 405
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is a button")
    # The page's stylesheet loads under the CSP like any other page.
    expect(page.locator(".skip-link")).to_have_css("left", "-9999px")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.get_by_role("link", name="Go to home").click()
    expect(page).to_have_url(server + "/")


def test_a_student_is_archived_and_restored_with_the_keyboard(
    page: Page, server: str, family: dict[str, Any]
) -> None:
    log_in(page.context, server, family["erin"])
    page.goto(f"{server}/students/{family['maya'].pk}/")
    tab_to(page, "a[href$='/remove/']", 60)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Archive Maya R.?")
    tab_to(page, "main button[name=archive]", 30)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{server}/students/")
    expect(page.locator("main table").first).not_to_contain_text("Maya R.")
    tab_to(page, "a[href='?archived=1']", 60)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Archived students")).to_be_visible()
    tab_to(page, f"form[action='/students/{family['maya'].pk}/restore/'] button", 60)
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Maya R. is back on the student list.")
    expect(page.locator("main table").first).to_contain_text("Maya R.")
