"""The action item pages: who does what by when; open, overdue, done, dropped, reopened."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from allies.meetings import services
from allies.meetings.models import LINE_MAX, ActionItem
from tests.support import (
    OWN_READ,
    OWN_WRITE,
    OWN_WRITE_FORM,
    PAYLOAD,
    POST_ONLY,
    WRITE,
    WRITE_FORM,
    assert_escaped,
    assert_outcome,
    assert_same_queries,
    client_for,
    field_error,
    make_member,
    make_student,
    messages_of,
    queries_for,
)

PAST_64_BITS = "99999999999999999999"


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def action_data(**fields: Any) -> dict[str, Any]:
    data = {
        "text": "Send the reading log home on Fridays",
        "owner": "family",
        "due": "",
        "student": "",
        "concern": "",
        "meeting": "",
        "form_token": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def item(workspace: Any, alice: Any, member: Any) -> ActionItem:
    return services.action_item_add(
        workspace=workspace, author=alice, text="Share the speech goals", owner=member, due=days(3)
    )


@pytest.fixture
def elsewhere(oscar: Any) -> dict[str, Any]:
    workspace = oscar.memberships.get().workspace
    return {
        "workspace": workspace,
        "member": make_member(workspace, "Mr. Other"),
        "student": make_student(workspace, "Other child"),
        "concern": services.concern_raise(workspace=workspace, author=oscar, title="Theirs"),
        "item": services.action_item_add(workspace=workspace, author=oscar, text="Theirs"),
    }


# ---------------------------------------------------------------------------- permissions


@pytest.mark.parametrize(("role", "expected"), OWN_READ.items())
def test_everyone_signed_in_sees_only_their_own_workspace_s_action_items(
    personas: dict[str, Any], item: ActionItem, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/actions/")
    assert_outcome(response, expected)
    if expected == 200:
        page = response.content.decode()
        assert (item.text in page) is (role != "outsider")
        assert ("Mark done" in page) is (role in ("owner", "editor"))


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE_FORM.items())
def test_viewers_cannot_open_the_new_action_item_form(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/actions/new/")
    assert_outcome(response, expected)
    if expected == 200:
        assert (member.name in response.content.decode()) is (role != "outsider")


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE.items())
def test_only_those_who_write_can_add_an_action_item(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post("/actions/new/", action_data())
    assert_outcome(response, expected)
    created = ActionItem.objects.filter(text="Send the reading log home on Fridays")
    assert created.exists() is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_mark_an_item_done(
    personas: dict[str, Any], item: ActionItem, role: str, expected: Any
) -> None:
    assert_outcome(client_for(personas[role]).post(f"/actions/{item.pk}/done/"), expected)
    item.refresh_from_db()
    assert (item.status == "done") is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_reopen_an_item(
    personas: dict[str, Any], item: ActionItem, role: str, expected: Any
) -> None:
    services.action_item_set_status(item=item, status="done")
    assert_outcome(client_for(personas[role]).post(f"/actions/{item.pk}/reopen/"), expected)
    item.refresh_from_db()
    assert (item.status == "open") is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), WRITE_FORM.items())
def test_viewers_cannot_open_the_drop_form(
    personas: dict[str, Any], item: ActionItem, role: str, expected: Any
) -> None:
    assert_outcome(client_for(personas[role]).get(f"/actions/{item.pk}/drop/"), expected)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_drop_an_item(
    personas: dict[str, Any], item: ActionItem, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(
        f"/actions/{item.pk}/drop/", {"reason": "The goals were sent by post."}
    )
    assert_outcome(response, expected)
    item.refresh_from_db()
    assert (item.status == "dropped") is (expected == 302)


@pytest.mark.parametrize("path", ["done/", "reopen/"])
@pytest.mark.parametrize(("role", "expected"), POST_ONLY.items())
def test_done_and_reopen_take_a_post(
    personas: dict[str, Any], item: ActionItem, role: str, expected: Any, path: str
) -> None:
    assert_outcome(client_for(personas[role]).get(f"/actions/{item.pk}/{path}"), expected)


# ---------------------------------------------------------------------------- what they do


def test_the_list_shows_open_items_by_default_and_overdue_clearly(
    alice: Any, workspace: Any, item: ActionItem
) -> None:
    late = services.action_item_add(
        workspace=workspace, author=alice, text="Ask about the bus", due=days(-2)
    )
    done = services.action_item_add(workspace=workspace, author=alice, text="Book the meeting")
    services.action_item_set_status(item=done, status="done")
    dropped = services.action_item_add(workspace=workspace, author=alice, text="Call the OT")
    services.action_item_set_status(item=dropped, status="dropped", reason="She called first.")
    client = client_for(alice)

    def shown(query: dict[str, Any]) -> list[int]:
        return [i.pk for i in client.get("/actions/", query).context["page"]]

    assert shown({}) == [late.pk, item.pk]  # open ones, the earliest date first
    assert shown({"status": "overdue"}) == [late.pk]
    assert shown({"status": "done"}) == [done.pk]
    assert shown({"status": "dropped"}) == [dropped.pk]
    assert set(shown({"status": "all"})) == {late.pk, item.pk, done.pk, dropped.pk}
    assert shown({"owner": "family"}) == [late.pk]
    assert shown({"owner": item.owner_id}) == [item.pk]
    page = client.get("/actions/").content.decode()
    assert "1 action item is past its date." in page
    assert "Overdue: was due " in page
    assert page.count("status-overdue") == 2  # the notice and the late item
    assert "She called first." in client.get("/actions/?status=dropped").content.decode()


def test_done_drop_and_reopen_go_back_where_they_came_from(alice: Any, item: ActionItem) -> None:
    client = client_for(alice)
    response = client.post(f"/actions/{item.pk}/done/", {"next": "/actions/?status=all"})
    assert response["Location"] == "/actions/?status=all"
    item.refresh_from_db()
    assert item.status == "done" and item.done_on == timezone.localdate()
    response = client.post(f"/actions/{item.pk}/done/", follow=True)
    assert messages_of(response)[-1] == "This action item is already done."
    client.post(f"/actions/{item.pk}/reopen/", {"next": "https://evil.example/"})
    item.refresh_from_db()
    assert item.status == "open" and item.done_on is None
    response = client.post(f"/actions/{item.pk}/drop/", {"reason": "  Not needed now.  "})
    assert response["Location"] == "/actions/"
    item.refresh_from_db()
    assert (item.status, item.dropped_reason) == ("dropped", "Not needed now.")
    response = client.get(f"/actions/{item.pk}/drop/", follow=True)
    assert messages_of(response)[-1] == "This action item is already dropped."


def test_an_item_added_from_a_concern_belongs_to_it(
    alice: Any, workspace: Any, member: Any, student: Any
) -> None:
    concern = services.concern_raise(
        workspace=workspace, author=alice, title="Reading", student=student
    )
    client = client_for(alice)
    form = client.get(f"/actions/new/?concern={concern.pk}").context["form"]
    assert "concern" not in form.fields and "student" not in form.fields
    response = client.post(
        f"/actions/new/?concern={concern.pk}",
        action_data(owner=member.pk, due=days(7).isoformat()),
    )
    assert response["Location"] == f"/concerns/{concern.pk}/#actions"
    made = ActionItem.objects.get()
    assert (made.concern, made.student, made.owner, made.due) == (concern, student, member, days(7))


def test_an_item_can_name_its_meeting(alice: Any, workspace: Any) -> None:
    meeting = services.meeting_plan(
        workspace=workspace, author=alice, starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    client = client_for(alice)
    assert (
        client.get(f"/actions/new/?meeting={meeting.pk}").context["form"].initial["meeting"]
        == meeting.pk
    )
    client.post("/actions/new/", action_data(meeting=meeting.pk))
    assert ActionItem.objects.get().meeting == meeting


def test_a_double_submit_adds_one_item(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    client.post("/actions/new/", action_data(form_token="once-9"))
    response = client.post("/actions/new/", action_data(form_token="once-9"), follow=True)
    assert messages_of(response)[-1] == "This action item was already saved."
    assert ActionItem.objects.count() == 1


# ---------------------------------------------------------------------------- queries


def _fill(workspace: Any, alice: Any, n: int) -> None:
    team = [make_member(workspace, f"Teacher {i}") for i in range(3)]
    student = make_student(workspace, f"Child {n}")
    concern = services.concern_raise(workspace=workspace, author=alice, title=f"Concern {n}")
    meeting = services.meeting_plan(workspace=workspace, author=alice, starts_at=timezone.now())
    for i in range(n):
        services.action_item_add(
            workspace=workspace,
            author=alice,
            text=f"Task {i}",
            owner=team[i % 3] if i % 2 else None,
            due=days(i - n // 2),
            student=student,
            concern=concern if i % 3 else None,
            meeting=meeting if i % 2 else None,
        )


@pytest.mark.parametrize("query", ["", "?status=overdue", "?status=all&owner=family", "?page=2"])
def test_the_list_runs_the_same_queries_for_3_and_30_items(
    alice: Any, workspace: Any, settings: Any, query: str
) -> None:
    settings.PAGE_SIZE = 1
    client = client_for(alice)
    _fill(workspace, alice, 3)
    small = queries_for(client, "/actions/" + query)
    _fill(workspace, alice, 30)
    assert_same_queries("The action items list", small, queries_for(client, "/actions/" + query))


# ---------------------------------------------------------------------------- bad input


def test_an_item_with_no_owner_asks_who_does_it(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post("/actions/new/", action_data(owner=""))
    assert response.status_code == 200
    assert field_error(response, "owner") == (
        "Choose who does it: the family or someone on the team."
    )
    assert "Send the reading log home on Fridays" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_an_empty_item_says_what_is_missing(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post("/actions/new/", action_data(text="", owner=""))
    assert field_error(response, "text") == "Say what is to be done."
    assert field_error(response, "owner")


def test_dropping_needs_a_reason(alice: Any, item: ActionItem) -> None:
    response = client_for(alice).post(f"/actions/{item.pk}/drop/", {"reason": "   "})
    assert field_error(response, "reason") == "Say why it was dropped, so the record shows it."
    item.refresh_from_db()
    assert item.status == "open"


@pytest.mark.parametrize("field", ["text", "reason"])
def test_ten_thousand_characters_are_refused_and_kept(
    alice: Any, item: ActionItem, field: str
) -> None:
    long = "z" * 10_000
    client = client_for(alice)
    if field == "text":
        response = client.post("/actions/new/", action_data(text=long))
    else:
        response = client.post(f"/actions/{item.pk}/drop/", {"reason": long})
    assert field_error(response, field) == (
        f"Ensure this value has at most {LINE_MAX} characters (it has 10000)."
    )
    assert long in response.content.decode()
    assert ActionItem.objects.count() == 1


@pytest.mark.parametrize("field", ["owner", "student", "concern"])
def test_another_workspace_s_things_are_no_choice(
    alice: Any, workspace: Any, elsewhere: dict[str, Any], field: str
) -> None:
    other = elsewhere["member" if field == "owner" else field]
    response = client_for(alice).post("/actions/new/", action_data(**{field: other.pk}))
    assert "Select a valid choice." in field_error(response, field)
    assert not ActionItem.objects.filter(workspace=workspace).exists()


@pytest.mark.parametrize("bad", [PAST_64_BITS, str(2**63), "-1", "١٢"])
def test_ids_no_column_can_hold_are_form_errors(alice: Any, workspace: Any, bad: str) -> None:
    client = client_for(alice)
    data = action_data(owner=bad, student=bad, concern=bad, meeting=bad)
    response = client.post("/actions/new/", data)
    for field in ("owner", "student", "concern", "meeting"):
        assert "Select a valid choice." in field_error(response, field)
    assert not ActionItem.objects.exists()
    response = client.get("/actions/", {"owner": bad, "student": bad, "status": bad})
    assert response.status_code == 200
    assert "Select a valid choice." in field_error(response, "owner")
    assert client.get(f"/actions/new/?concern={bad}&meeting={bad}").status_code == 200


def test_another_workspace_s_concern_in_the_link_is_not_found(
    alice: Any, workspace: Any, elsewhere: dict[str, Any]
) -> None:
    url = f"/actions/new/?concern={elsewhere['concern'].pk}"
    assert client_for(alice).get(url).status_code == 404
    assert client_for(alice).post(url, action_data()).status_code == 404


@pytest.mark.parametrize("path", ["done/", "reopen/", "drop/"])
def test_another_workspace_s_item_or_none_at_all_is_not_found(
    alice: Any, workspace: Any, elsewhere: dict[str, Any], path: str
) -> None:
    client = client_for(alice)
    for item_id in (elsewhere["item"].pk, 10**30):
        assert client.post(f"/actions/{item_id}/{path}", {"reason": "x"}).status_code == 404
    elsewhere["item"].refresh_from_db()
    assert elsewhere["item"].status == "open"


def test_what_was_typed_is_shown_escaped(alice: Any, workspace: Any) -> None:
    made = services.action_item_add(workspace=workspace, author=alice, text=PAYLOAD)
    client = client_for(alice)
    assert_escaped(client.get("/actions/"))
    assert_escaped(client.get(f"/actions/{made.pk}/drop/"))
    services.action_item_set_status(item=made, status="dropped", reason=PAYLOAD)
    assert_escaped(client.get("/actions/?status=dropped"))
