"""Dates that matter on a student's page and on home: IEP dates, progress reports,
meetings and action items (past due first), who may see them, and at what cost."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from allies.meetings import services
from tests.support import (
    ESCAPED,
    PAYLOAD,
    READ,
    ROLES,
    assert_outcome,
    assert_same_queries,
    client_for,
    make_meeting,
    make_member,
    make_student,
    page_of,
    queries_for,
)

DAY = datetime.timedelta(days=1)


@pytest.fixture
def maya(workspace: Any, alice: Any) -> Any:
    today = timezone.localdate()
    student = make_student(
        workspace,
        "Maya R.",
        iep_start=today - 300 * DAY,
        annual_review_due=today + 20 * DAY,
        reevaluation_due=today + 200 * DAY,
        progress_reports="quarterly",
    )
    lee = make_member(workspace, "Ms. Lee")
    make_meeting(workspace, alice, in_days=10, student=student, attendees=[lee], kind="progress")
    services.action_item_add(
        workspace=workspace,
        author=alice,
        text="Send the reading log",
        owner=lee,
        due=today - 3 * DAY,
        student=student,
    )
    return student


def test_a_student_s_page_lists_the_year_ahead_with_past_due_first(maya: Any, alice: Any) -> None:
    page = page_of(client_for(alice).get(f"/students/{maya.pk}/dates/"))
    order = [
        page.index("Send the reading log (Ms. Lee)"),
        page.index("Progress check"),
        page.index("Annual review"),
        page.index("Re-evaluation due"),
    ]
    assert order == sorted(order)
    assert "3 days past due" in page
    assert "in 10 days" in page and "in 20 days" in page
    assert "Progress report" in page  # from the schedule, counted from the IEP start
    assert page.count('class="date-') >= 5


def test_another_child_s_dates_stay_on_their_page(maya: Any, workspace: Any, alice: Any) -> None:
    sam = make_student(workspace, "Sam R.", annual_review_due=timezone.localdate() + 5 * DAY)
    page = page_of(client_for(alice).get(f"/students/{maya.pk}/dates/"))
    assert "Sam R." not in page
    sams = page_of(client_for(alice).get(f"/students/{sam.pk}/dates/"))
    assert "Annual review" in sams and "Send the reading log" not in sams


@pytest.mark.parametrize("role", ROLES)
def test_a_student_s_dates_open_for_whom_they_should(
    personas: dict[str, Any], maya: Any, role: str
) -> None:
    response = client_for(personas[role]).get(f"/students/{maya.pk}/dates/")
    assert_outcome(response, READ[role])
    if role == "outsider":
        assert "Maya" not in page_of(response)


def test_an_archived_child_s_dates_stay_readable(maya: Any, alice: Any) -> None:
    maya.archived = True
    maya.save(update_fields=["archived"])
    assert client_for(alice).get(f"/students/{maya.pk}/dates/").status_code == 200


def test_an_unknown_student_is_not_found(alice: Any) -> None:
    assert client_for(alice).get("/students/99999999999999999999/dates/").status_code == 404


def test_what_was_typed_is_shown_inert(maya: Any, workspace: Any, alice: Any) -> None:
    services.action_item_add(
        workspace=workspace,
        author=alice,
        text=PAYLOAD,
        owner=None,
        due=timezone.localdate() + DAY,
        student=maya,
    )
    for url in (f"/students/{maya.pk}/dates/", "/"):
        page = page_of(client_for(alice).get(url))
        assert PAYLOAD not in page and ESCAPED in page, url


def test_the_page_costs_the_same_with_3_or_30_meetings_and_action_items(
    maya: Any, workspace: Any, alice: Any
) -> None:
    client = client_for(alice)

    def more(n: int) -> None:
        for i in range(n):
            make_meeting(workspace, alice, in_days=30 + i, student=maya)
            services.action_item_add(
                workspace=workspace,
                author=alice,
                text=f"Step {i}",
                owner=None,
                due=timezone.localdate() + (i + 1) * DAY,
                student=maya,
            )

    more(2)
    client.get("/")  # the week's focus is chosen (and written) on the first load
    small = queries_for(client, f"/students/{maya.pk}/dates/")
    small_home = queries_for(client, "/")
    more(27)
    assert_same_queries(
        "A student's dates", small, queries_for(client, f"/students/{maya.pk}/dates/")
    )
    assert_same_queries("Home with its dates", small_home, queries_for(client, "/"))


def test_home_shows_what_is_past_due_and_coming_within_45_days(
    maya: Any, workspace: Any, alice: Any
) -> None:
    make_meeting(workspace, alice, in_days=60, student=maya, kind="annual")  # too far
    page = page_of(client_for(alice).get("/"))
    coming = page[page.index('id="coming-title"') :]
    coming = coming[: coming.index("</section>")]
    assert "Send the reading log (Ms. Lee)" in coming and "3 days past due" in coming
    assert "Progress check" in coming and "Annual review" in coming
    assert "Annual IEP meeting" not in coming
    assert f"/students/{maya.pk}/dates/" in coming
    assert coming.index("past due") < coming.index("Progress check")


def test_home_says_nothing_of_dates_when_there_are_none(workspace: Any, alice: Any) -> None:
    make_student(workspace, "Sam R.")
    assert 'id="coming-title"' not in page_of(client_for(alice).get("/"))


def test_home_s_kept_card_follows_every_change_to_what_it_shows(
    maya: Any, workspace: Any, alice: Any
) -> None:
    from allies.meetings.models import ActionItem, Meeting

    client = client_for(alice)

    def coming() -> str:
        page = page_of(client.get("/"))
        found = page[page.index('id="coming-title"') :]
        return found[: found.index("</section>")]

    assert "Send the reading log (Ms. Lee)" in coming()
    item = ActionItem.objects.get(text="Send the reading log")
    item.owner.name = "Ms. Jenna Lee"
    item.owner.save(update_fields=["name"])
    assert "Send the reading log (Ms. Jenna Lee)" in coming()  # the owner's row
    services.action_item_set_status(item=item, status="done")
    assert "Send the reading log" not in coming()
    meeting = Meeting.objects.get(kind="progress")
    services.meeting_edit(meeting=meeting, kind="annual")
    assert "Annual IEP meeting" in coming()
    maya.name = "Maya Rivera"
    maya.save(update_fields=["name"])
    assert "All of Maya Rivera's dates" in coming()
