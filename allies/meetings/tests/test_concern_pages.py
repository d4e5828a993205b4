"""The concern pages: raised as a joint problem, options from both sides, a plan, linked
entries and action items, a history; who may do what, and what bad input gets."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from allies.meetings import services
from allies.meetings.models import LINE_MAX, TEXT_MAX, ActionItem, Concern, ConcernEvent
from tests.support import (
    OWN_READ,
    OWN_WRITE,
    OWN_WRITE_FORM,
    PAYLOAD,
    POST_ONLY,
    READ,
    WRITE,
    WRITE_FORM,
    assert_escaped,
    assert_outcome,
    assert_same_queries,
    client_for,
    field_error,
    make_entry,
    make_member,
    make_student,
    messages_of,
    queries_for,
)

PAST_64_BITS = "99999999999999999999"


def concern_data(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Homework takes two hours",
        "interest": "Sam finishes homework without tears.",
        "observed": "Two hours a night, and crying.",
        "impact": "No time to play; bedtime slips.",
        "tried": "A timer; breaks every 20 minutes.",
        "invited": [],
        "student": "",
        "form_token": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def concern(workspace: Any, alice: Any, member: Any, student: Any) -> Concern:
    return services.concern_raise(
        workspace=workspace,
        author=alice,
        title="Reading at home is a fight",
        interest="Sam enjoys reading with us.",
        student=student,
        invited=[member],
    )


@pytest.fixture
def linked(concern: Concern, alice: Any, entry: Any) -> Any:
    services.concern_link_entry(concern=concern, author=alice, entry=entry)
    return entry


@pytest.fixture
def elsewhere(oscar: Any) -> dict[str, Any]:
    workspace = oscar.memberships.get().workspace
    member = make_member(workspace, "Mr. Other")
    return {
        "workspace": workspace,
        "member": member,
        "student": make_student(workspace, "Other child"),
        "entry": make_entry(workspace, oscar, [member], summary="Private to the other family."),
        "concern": services.concern_raise(workspace=workspace, author=oscar, title="Theirs"),
    }


# ---------------------------------------------------------------------------- permissions


@pytest.mark.parametrize(("role", "expected"), OWN_READ.items())
def test_everyone_signed_in_sees_only_their_own_workspace_s_concerns(
    personas: dict[str, Any], concern: Concern, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/concerns/")
    assert_outcome(response, expected)
    if expected == 200:
        assert (concern.title in response.content.decode()) is (role != "outsider")


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE_FORM.items())
def test_viewers_cannot_open_the_raise_a_concern_form(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/concerns/new/")
    assert_outcome(response, expected)
    if expected == 200:
        assert (member.name in response.content.decode()) is (role != "outsider")


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE.items())
def test_only_those_who_write_can_raise_a_concern(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post("/concerns/new/", concern_data())
    assert_outcome(response, expected)
    created = Concern.objects.filter(title="Homework takes two hours")
    assert created.exists() is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), READ.items())
def test_members_of_the_workspace_can_open_a_concern(
    personas: dict[str, Any], concern: Concern, linked: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/concerns/{concern.pk}/")
    assert_outcome(response, expected)
    if expected == 200:
        page = response.content.decode()
        assert concern.interest in page
        assert linked.summary in page
        writes = ("Add an option", "Draft the invitation", "Link a log entry", "Take off")
        for label in writes:
            assert (label in page) is (role != "viewer"), label


@pytest.mark.parametrize(("role", "expected"), WRITE_FORM.items())
def test_viewers_cannot_open_the_edit_form_of_a_concern(
    personas: dict[str, Any], concern: Concern, role: str, expected: Any
) -> None:
    assert_outcome(client_for(personas[role]).get(f"/concerns/{concern.pk}/edit/"), expected)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_edit_a_concern(
    personas: dict[str, Any], concern: Concern, role: str, expected: Any
) -> None:
    data = concern_data(title="Reading, reworded")
    response = client_for(personas[role]).post(f"/concerns/{concern.pk}/edit/", data)
    assert_outcome(response, expected)
    concern.refresh_from_db()
    assert (concern.title == "Reading, reworded") is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_add_an_option(
    personas: dict[str, Any], concern: Concern, role: str, expected: Any
) -> None:
    data = {"text": "Shorter reading, more often", "suggested_by": "home", "member": ""}
    response = client_for(personas[role]).post(f"/concerns/{concern.pk}/options/", data)
    assert_outcome(response, expected)
    assert concern.options.exists() is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_change_the_status(
    personas: dict[str, Any], concern: Concern, role: str, expected: Any
) -> None:
    data = {"status": "plan_agreed", "plan": "Ten minutes a night, Ms. Lee sends books."}
    response = client_for(personas[role]).post(f"/concerns/{concern.pk}/status/", data)
    assert_outcome(response, expected)
    concern.refresh_from_db()
    assert (concern.status == "plan_agreed") is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_link_an_entry(
    personas: dict[str, Any], concern: Concern, entry: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(
        f"/concerns/{concern.pk}/entries/", {"entry": entry.pk}
    )
    assert_outcome(response, expected)
    assert concern.entries.filter(pk=entry.pk).exists() is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_unlink_an_entry(
    personas: dict[str, Any], concern: Concern, linked: Any, role: str, expected: Any
) -> None:
    url = f"/concerns/{concern.pk}/entries/{linked.pk}/unlink/"
    assert_outcome(client_for(personas[role]).post(url), expected)
    assert concern.entries.filter(pk=linked.pk).exists() is (expected != 302)


@pytest.mark.parametrize("path", ["options/", "status/", "entries/", "entries/{entry}/unlink/"])
@pytest.mark.parametrize(("role", "expected"), POST_ONLY.items())
def test_the_concern_s_writes_take_a_post(
    personas: dict[str, Any], concern: Concern, linked: Any, role: str, expected: Any, path: str
) -> None:
    url = f"/concerns/{concern.pk}/" + path.format(entry=linked.pk)
    assert_outcome(client_for(personas[role]).get(url), expected)


# ---------------------------------------------------------------------------- what they do


def test_raising_a_concern_then_inviting_the_team_with_the_toolkit_s_draft(
    alice: Any, workspace: Any, member: Any, student: Any
) -> None:
    dana = make_member(workspace, "Dana Whitfield", role="speech")
    client = client_for(alice)
    response = client.post(
        "/concerns/new/",
        concern_data(invited=[dana.pk, member.pk], student=student.pk),
        follow=True,
    )
    concern = Concern.objects.get()
    assert response.redirect_chain[-1][0] == f"/concerns/{concern.pk}/"
    assert list(concern.invited.order_by("name")) == [dana, member]
    draft = response.context["draft_url"]
    url = urlsplit(draft)
    assert url.path == "/toolkit/compose/"
    query = parse_qs(url.query)
    assert query["kind"] == ["concern"]
    assert sorted(query["member"]) == sorted([str(dana.pk), str(member.pk)])
    assert query["student"] == [str(student.pk)]
    compose = client.get(draft)
    assert compose.status_code == 200
    assert sorted(compose.context["form"].initial["recipients"]) == sorted([dana.pk, member.pk])
    assert compose.context["form"].initial["kind"] == "concern"


def test_working_a_concern_through_shows_every_step_in_its_history(
    alice: Any, concern: Concern, member: Any, entry: Any
) -> None:
    client = client_for(alice)
    base = f"/concerns/{concern.pk}/"
    client.post(
        base + "options/",
        {"text": "Read at school first", "suggested_by": "school", "member": member.pk},
    )
    client.post(
        base + "options/",
        {"text": "Audiobooks on weekends", "suggested_by": "home", "member": member.pk},
    )
    client.post(base + "status/", {"status": "plan_agreed", "plan": "Ten minutes a night."})
    client.post(base + "entries/", {"entry": entry.pk})
    client.post(
        f"/actions/new/?concern={concern.pk}",
        {"text": "Send the book list", "owner": member.pk, "due": ""},
    )
    client.post(base + f"entries/{entry.pk}/unlink/")
    page = client.get(base).content.decode()
    options = list(concern.options.all())
    assert [(o.text, o.suggested_by_label) for o in options] == [
        ("Read at school first", "Ms. Lee"),
        ("Audiobooks on weekends", "Home"),  # a person at school only says who at school
    ]
    concern.refresh_from_db()
    assert concern.status == "plan_agreed" and concern.plan == "Ten minutes a night."
    assert ActionItem.objects.get().concern == concern
    for line in [
        "Raised the concern.",
        "Put an option on the table: “Read at school first”.",
        "Moved from “Open” to “Exploring options”.",
        "Changed: the agreed plan.",
        "Moved from “Exploring options” to “Plan agreed”.",
        "Linked a log entry.",
        "Added an action item: “Send the book list”.",
        "Took a log entry off the concern.",
    ]:
        assert line in page, line
    assert "Send the book list" in page
    assert list(concern.events.values_list("kind", flat=True))[0] == ConcernEvent.Kind.RAISED


def test_a_plan_agreed_needs_the_plan(alice: Any, concern: Concern) -> None:
    response = client_for(alice).post(
        f"/concerns/{concern.pk}/status/", {"status": "plan_agreed", "plan": ""}
    )
    assert response.status_code == 200
    assert field_error(response, "plan") == "Write down the plan you agreed."
    concern.refresh_from_db()
    assert concern.status == "open"


def test_the_status_form_keeps_the_plan_when_only_the_status_moves(
    alice: Any, concern: Concern
) -> None:
    services.concern_set_status(
        concern=concern, author=alice, status="plan_agreed", plan="The plan."
    )
    client = client_for(alice)
    form = client.get(f"/concerns/{concern.pk}/").context["status_form"]
    assert form.initial == {"status": "plan_agreed", "plan": "The plan."}
    client.post(f"/concerns/{concern.pk}/status/", {"status": "resolved", "plan": "The plan."})
    concern.refresh_from_db()
    assert (concern.status, concern.plan) == ("resolved", "The plan.")
    assert concern.resolved_at is not None
    response = client.post(
        f"/concerns/{concern.pk}/status/", {"status": "resolved", "plan": "The plan."}, follow=True
    )
    assert messages_of(response)[-1] == "Nothing changed."


def test_the_list_filters_by_status_and_student(
    alice: Any, workspace: Any, concern: Concern, student: Any
) -> None:
    other = services.concern_raise(workspace=workspace, author=alice, title="Bus rides")
    services.concern_set_status(concern=other, author=alice, status="resolved")
    client = client_for(alice)

    def shown(query: dict[str, Any]) -> list[int]:
        return [c.pk for c in client.get("/concerns/", query).context["page"]]

    assert shown({}) == [concern.pk, other.pk]  # open first, resolved last
    assert shown({"status": "resolved"}) == [other.pk]
    assert shown({"status": "open"}) == [concern.pk]
    assert shown({"student": student.pk}) == [concern.pk]
    assert shown({"status": "nonsense"}) == [concern.pk, other.pk]


def test_an_entry_already_linked_is_not_offered_again(
    alice: Any, concern: Concern, linked: Any
) -> None:
    response = client_for(alice).get(f"/concerns/{concern.pk}/")
    offered = [value for value, _label in response.context["link_form"].fields["entry"].choices]
    assert linked.pk not in offered


def test_editing_a_concern_records_which_fields_changed(
    alice: Any, concern: Concern, member: Any, student: Any
) -> None:
    data = concern_data(
        title=concern.title, interest="Sam reads for fun.", invited=[member.pk], student=student.pk
    )
    data.update(observed="", impact="", tried="")
    client_for(alice).post(f"/concerns/{concern.pk}/edit/", data)
    event = concern.events.latest("at", "pk")
    assert event.kind == "edited" and event.data == {"fields": ["interest"]}


# ---------------------------------------------------------------------------- queries


def _fill(workspace: Any, alice: Any, n: int) -> Concern:
    team = [make_member(workspace, f"Teacher {i}") for i in range(3)]
    first = None
    for i in range(n):
        concern = services.concern_raise(
            workspace=workspace, author=alice, title=f"Concern {i}", invited=team[: 1 + i % 3]
        )
        first = first or concern
        services.concern_option_add(
            concern=concern, author=alice, text="An idea", suggested_by="school", member=team[i % 3]
        )
        services.action_item_add(
            workspace=workspace, author=alice, text=f"Do {i}", owner=team[i % 3], concern=concern
        )
        # The first concern gathers as much as all the others together.
        services.concern_option_add(
            concern=first, author=alice, text=f"Idea {i}", suggested_by="school", member=team[i % 3]
        )
        services.action_item_add(
            workspace=workspace, author=alice, text=f"Task {i}", owner=None, concern=first
        )
        services.concern_link_entry(
            concern=first, author=alice, entry=make_entry(workspace, alice, team[:2])
        )
    assert first is not None
    return first


@pytest.mark.parametrize("query", ["", "?status=exploring", "?page=2"])
def test_the_list_runs_the_same_queries_for_3_and_30_concerns(
    alice: Any, workspace: Any, settings: Any, query: str
) -> None:
    settings.PAGE_SIZE = 2
    client = client_for(alice)
    _fill(workspace, alice, 3)
    small = queries_for(client, "/concerns/" + query)
    _fill(workspace, alice, 27)
    assert_same_queries("The concerns list", small, queries_for(client, "/concerns/" + query))


def test_a_concern_s_page_runs_the_same_queries_however_much_it_holds(
    alice: Any, workspace: Any
) -> None:
    client = client_for(alice)
    small_concern = _fill(workspace, alice, 3)
    small = queries_for(client, f"/concerns/{small_concern.pk}/")
    large_concern = _fill(workspace, alice, 30)
    large = queries_for(client, f"/concerns/{large_concern.pk}/")
    assert_same_queries("A concern's page", small, large)


# ---------------------------------------------------------------------------- bad input


def test_a_concern_with_every_field_empty_says_what_is_needed(alice: Any, workspace: Any) -> None:
    empty = {name: "" for name in concern_data()}
    response = client_for(alice).post("/concerns/new/", empty)
    assert response.status_code == 200
    assert field_error(response, "title") == "Say in a few words what the concern is about."
    assert "Please fix the marked fields." in response.content.decode()
    assert not Concern.objects.exists()


def test_a_concern_without_a_title_keeps_everything_else(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post("/concerns/new/", concern_data(title=""))
    page = response.content.decode()
    for typed in ("Sam finishes homework without tears.", "No time to play; bedtime slips."):
        assert typed in page


@pytest.mark.parametrize(
    ("field", "limit"),
    [("title", 200), ("interest", TEXT_MAX), ("observed", TEXT_MAX), ("tried", TEXT_MAX)],
)
def test_ten_thousand_characters_are_refused_and_kept(
    alice: Any, workspace: Any, field: str, limit: int
) -> None:
    long = "x" * 10_000
    response = client_for(alice).post("/concerns/new/", concern_data(**{field: long}))
    assert field_error(response, field) == (
        f"Ensure this value has at most {limit} characters (it has 10000)."
    )
    assert long in response.content.decode()
    assert not Concern.objects.exists()


def test_a_long_option_or_plan_is_refused_on_the_concern_s_page(
    alice: Any, concern: Concern
) -> None:
    client = client_for(alice)
    long = "y" * 10_000
    response = client.post(
        f"/concerns/{concern.pk}/options/", {"text": long, "suggested_by": "home"}
    )
    assert f"at most {LINE_MAX} characters" in field_error(response, "text")
    assert long in response.content.decode()
    response = client.post(
        f"/concerns/{concern.pk}/status/", {"status": "plan_agreed", "plan": long}
    )
    assert f"at most {TEXT_MAX} characters" in field_error(response, "plan")
    assert not concern.options.exists()


@pytest.mark.parametrize("field", ["invited", "student"])
def test_another_workspace_s_people_are_no_choice(
    alice: Any, workspace: Any, elsewhere: dict[str, Any], field: str
) -> None:
    other = elsewhere["member" if field == "invited" else "student"]
    value = [other.pk] if field == "invited" else other.pk
    response = client_for(alice).post("/concerns/new/", concern_data(**{field: value}))
    assert "Select a valid choice." in field_error(response, field)
    assert not Concern.objects.filter(workspace=workspace).exists()


@pytest.mark.parametrize("bad", [PAST_64_BITS, str(2**63), "-1", "١٢"])
def test_ids_no_column_can_hold_are_form_errors(alice: Any, concern: Concern, bad: str) -> None:
    client = client_for(alice)
    response = client.post("/concerns/new/", concern_data(invited=[bad], student=bad))
    assert "Select a valid choice." in field_error(response, "invited")
    assert "Select a valid choice." in field_error(response, "student")
    base = f"/concerns/{concern.pk}/"
    response = client.post(base + "entries/", {"entry": bad})
    assert "Select a valid choice." in field_error(response, "entry")
    response = client.post(
        base + "options/", {"text": "Idea", "suggested_by": "school", "member": bad}
    )
    assert "Select a valid choice." in field_error(response, "member")
    response = client.post(base + "status/", {"status": bad})
    assert "Select a valid choice." in field_error(response, "status")
    assert client.get("/concerns/", {"student": bad}).status_code == 200


def test_another_workspace_s_entry_cannot_be_linked(
    alice: Any, concern: Concern, elsewhere: dict[str, Any]
) -> None:
    response = client_for(alice).post(
        f"/concerns/{concern.pk}/entries/", {"entry": elsewhere["entry"].pk}
    )
    assert "Select a valid choice." in field_error(response, "entry")
    assert not concern.entries.exists()
    # Nor taken off (it is not linked to this concern: not found).
    url = f"/concerns/{concern.pk}/entries/{elsewhere['entry'].pk}/unlink/"
    assert client_for(alice).post(url).status_code == 404


@pytest.mark.parametrize(
    "path", ["", "edit/", "options/", "status/", "entries/", "entries/1/unlink/"]
)
def test_another_workspace_s_concern_or_none_at_all_is_not_found(
    alice: Any, workspace: Any, elsewhere: dict[str, Any], path: str
) -> None:
    client = client_for(alice)
    for concern_id in (elsewhere["concern"].pk, 10**30):
        url = f"/concerns/{concern_id}/{path}"
        method = client.get if path in ("", "edit/") else client.post
        assert method(url).status_code == 404, url


def test_what_was_typed_is_shown_escaped(
    alice: Any, workspace: Any, member: Any, entry: Any
) -> None:
    concern = services.concern_raise(
        workspace=workspace, author=alice, title=PAYLOAD, interest=PAYLOAD, observed=PAYLOAD
    )
    services.concern_option_add(concern=concern, author=alice, text=PAYLOAD)
    services.action_item_add(workspace=workspace, author=alice, text=PAYLOAD, concern=concern)
    client = client_for(alice)
    assert_escaped(client.get("/concerns/"))
    assert_escaped(client.get(f"/concerns/{concern.pk}/"))
    assert_escaped(client.get(f"/concerns/{concern.pk}/edit/"))


def test_an_open_concern_offers_to_plan_a_meeting_about_it(
    workspace: Any, alice: Any, vera: Any
) -> None:
    concern = services.concern_raise(workspace=workspace, author=alice, title="Homework")
    link = f'href="/meetings/new/?concern={concern.pk}"'
    assert link in client_for(alice).get(f"/concerns/{concern.pk}/").content.decode()
    assert link not in client_for(vera).get(f"/concerns/{concern.pk}/").content.decode()
    services.concern_set_status(concern=concern, author=alice, status="resolved")
    assert link not in client_for(alice).get(f"/concerns/{concern.pk}/").content.decode()
