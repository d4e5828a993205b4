"""The insight pages: who may see and change them, what they show, what they refuse."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from allies.log.models import Interaction
from allies.meetings import services
from allies.meetings.models import TEXT_MAX, Insight
from tests.support import (
    ESCAPED,
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
    compose_data,
    field_error,
    make_member,
    make_student,
    messages_of,
    queries_for,
)

PAST_64_BITS = "99999999999999999999"


def insight_data(**fields: Any) -> dict[str, Any]:
    data = {
        "observed": "Reads aloud to the dog every evening.",
        "what_works": "A timer and a sticker.",
        "source": "home",
        "student": "",
        "shared_by": "",
        "shared_by_name": "",
        "observed_on": "2026-01-15",
        "form_token": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def insight(workspace: Any, alice: Any, member: Any, student: Any) -> Insight:
    return services.insight_record(
        workspace=workspace,
        author=alice,
        observed="Sam answers best after a movement break.",
        what_works="Two minutes of stretching first.",
        source="classroom",
        student=student,
        shared_by=member,
    )


@pytest.fixture
def elsewhere(oscar: Any) -> dict[str, Any]:
    workspace = oscar.memberships.get().workspace
    return {
        "workspace": workspace,
        "member": make_member(workspace, "Mr. Other"),
        "student": make_student(workspace, "Other child"),
    }


# ---------------------------------------------------------------------------- permissions


@pytest.mark.parametrize(("role", "expected"), OWN_READ.items())
def test_everyone_signed_in_sees_only_their_own_workspace_s_insights(
    personas: dict[str, Any], insight: Insight, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/insights/")
    assert_outcome(response, expected)
    if expected == 200:
        assert (insight.observed in response.content.decode()) is (role != "outsider")


@pytest.mark.parametrize(("role", "expected"), OWN_READ.items())
def test_everyone_signed_in_can_open_the_working_together_page(
    personas: dict[str, Any], insight: Insight, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/working-together/")
    assert_outcome(response, expected)
    if expected == 200:
        page = response.content.decode()
        assert ("1 not thanked yet" in page) is (role != "outsider")
        assert ("Share an insight" in page) is (role != "viewer")


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE_FORM.items())
def test_viewers_cannot_open_the_new_insight_form(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/insights/new/")
    assert_outcome(response, expected)
    if expected == 200:
        assert (member.name in response.content.decode()) is (role != "outsider")


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE.items())
def test_only_those_who_write_can_share_an_insight(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post("/insights/new/", insight_data())
    assert_outcome(response, expected)
    created = Insight.objects.filter(observed="Reads aloud to the dog every evening.")
    if expected == 302:
        mine = personas[role].memberships.get().workspace if role == "outsider" else workspace
        assert created.get().workspace == mine
        assert response["Location"] == f"/insights/{created.get().pk}/"
    else:
        assert not created.exists()


@pytest.mark.parametrize(("role", "expected"), READ.items())
def test_members_of_the_workspace_can_open_an_insight(
    personas: dict[str, Any], insight: Insight, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/insights/{insight.pk}/")
    assert_outcome(response, expected)
    if expected == 200:
        page = response.content.decode()
        assert insight.what_works in page
        assert ("Write a thank-you to Ms. Lee" in page) is (role != "viewer")


@pytest.mark.parametrize(("role", "expected"), WRITE_FORM.items())
def test_viewers_cannot_open_the_edit_form_of_an_insight(
    personas: dict[str, Any], insight: Insight, role: str, expected: Any
) -> None:
    assert_outcome(client_for(personas[role]).get(f"/insights/{insight.pk}/edit/"), expected)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_edit_an_insight(
    personas: dict[str, Any], insight: Insight, role: str, expected: Any
) -> None:
    data = insight_data(observed="Edited wording.", source="therapy")
    response = client_for(personas[role]).post(f"/insights/{insight.pk}/edit/", data)
    assert_outcome(response, expected)
    insight.refresh_from_db()
    assert (insight.observed == "Edited wording.") is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_thank_for_an_insight(
    personas: dict[str, Any], insight: Insight, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(f"/insights/{insight.pk}/thank/")
    assert_outcome(response, expected)
    insight.refresh_from_db()
    assert (insight.acknowledged_at is not None) is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), POST_ONLY.items())
def test_thanking_takes_a_post(
    personas: dict[str, Any], insight: Insight, role: str, expected: Any
) -> None:
    assert_outcome(client_for(personas[role]).get(f"/insights/{insight.pk}/thank/"), expected)
    insight.refresh_from_db()
    assert insight.acknowledged_at is None


# ---------------------------------------------------------------------------- what they do


def test_thanking_marks_the_insight_and_opens_a_thank_you_to_the_member(
    alice: Any, insight: Insight, member: Any, student: Any
) -> None:
    client = client_for(alice)
    response = client.post(f"/insights/{insight.pk}/thank/")
    url = urlsplit(response["Location"])
    assert url.path == "/toolkit/compose/"
    assert parse_qs(url.query) == {
        "kind": ["appreciation"],
        "member": [str(member.pk)],
        "student": [str(student.pk)],
        "thanks": [str(insight.pk)],
    }
    insight.refresh_from_db()
    assert insight.acknowledged_at is not None
    compose = client.get(response["Location"])
    assert compose.status_code == 200
    assert compose.context["form"].initial["recipients"] == [member.pk]
    assert compose.context["form"].initial["kind"] == "appreciation"
    detail = client.get(f"/insights/{insight.pk}/").content.decode()
    assert "Thanked" in detail
    assert "Not thanked yet" not in client.get("/insights/").content.decode()


def test_the_thank_you_logged_from_compose_is_linked_to_the_insight(
    alice: Any, workspace: Any, insight: Insight, member: Any
) -> None:
    client = client_for(alice)
    compose_url = client.post(f"/insights/{insight.pk}/thank/")["Location"]
    form = client.get(compose_url).context["form"]
    assert form.initial["thanks"] == str(insight.pk)
    data = compose_data([member], kind="appreciation", thanks=form.initial["thanks"])
    response = client.post("/toolkit/compose/", data)
    assert response.status_code == 302
    insight.refresh_from_db()
    entry = Interaction.objects.get()
    assert insight.acknowledged_entry == entry
    assert f'href="/log/{entry.pk}/"' in client.get(f"/insights/{insight.pk}/").content.decode()


@pytest.mark.parametrize("case", ["another member", "another workspace", "junk"])
def test_a_thank_you_links_only_an_insight_of_the_workspace_shared_by_a_recipient(
    alice: Any, workspace: Any, oscar: Any, insight: Insight, case: str
) -> None:
    dana = make_member(workspace, "Dana Whitfield")
    theirs = services.insight_record(
        workspace=oscar.memberships.get().workspace, author=oscar, observed="Theirs."
    )
    thanks, to = {
        "another member": (str(insight.pk), dana),
        "another workspace": (str(theirs.pk), dana),
        "junk": (PAST_64_BITS, dana),
    }[case]
    response = client_for(alice).post(
        "/toolkit/compose/", compose_data([to], kind="appreciation", thanks=thanks)
    )
    assert response.status_code == 302
    insight.refresh_from_db()
    theirs.refresh_from_db()
    assert insight.acknowledged_entry is None and theirs.acknowledged_at is None


def test_mark_as_thanked_works_without_writing_a_message(alice: Any, insight: Insight) -> None:
    response = client_for(alice).post(
        f"/insights/{insight.pk}/thank/", {"compose": "no"}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/insights/{insight.pk}/"
    assert messages_of(response) == ["Marked as thanked."]
    insight.refresh_from_db()
    assert insight.acknowledged_at is not None


def test_an_insight_from_the_family_has_nobody_to_thank(alice: Any, workspace: Any) -> None:
    own = services.insight_record(
        workspace=workspace, author=alice, observed="Calmer after swimming.", shared_by_name="Dad"
    )
    client = client_for(alice)
    assert "Write a thank-you" not in client.get(f"/insights/{own.pk}/").content.decode()
    response = client.post(f"/insights/{own.pk}/thank/")
    assert response["Location"] == f"/insights/{own.pk}/"
    own.refresh_from_db()
    assert own.acknowledged_at is None


def test_the_list_filters_by_source_student_who_shared_and_words(
    alice: Any, workspace: Any, insight: Insight, student: Any, member: Any
) -> None:
    home = services.insight_record(
        workspace=workspace, author=alice, observed="Sleeps better with the fan on."
    )
    client = client_for(alice)

    def shown(query: dict[str, Any]) -> list[int]:
        return [i.pk for i in client.get("/insights/", query).context["page"]]

    assert shown({}) == [home.pk, insight.pk]
    assert shown({"source": "classroom"}) == [insight.pk]
    assert shown({"student": student.pk}) == [insight.pk]
    assert shown({"shared_by": member.pk}) == [insight.pk]
    assert shown({"shared_by": "family"}) == [home.pk]
    assert shown({"q": "FAN sleeps"}) == [home.pk]
    assert shown({"q": "stretching movement"}) == [insight.pk]
    assert shown({"q": "fan stretching"}) == []


def test_the_form_says_who_shared_it_a_member_or_the_family(
    alice: Any, workspace: Any, member: Any, student: Any
) -> None:
    client = client_for(alice)
    client.post(
        "/insights/new/",
        insight_data(shared_by=member.pk, shared_by_name="ignored", student=student.pk),
    )
    made = Insight.objects.get()
    assert (made.shared_by, made.shared_by_name, made.student) == (member, "", student)
    client.post(
        f"/insights/{made.pk}/edit/", insight_data(shared_by="", shared_by_name=" Grandma ")
    )
    made.refresh_from_db()
    assert (made.shared_by, made.shared_by_name) == (None, "Grandma")
    assert "Grandma (family)" in client.get(f"/insights/{made.pk}/").content.decode()


def test_a_double_submit_saves_one_insight(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    data = insight_data(form_token="once-1")
    client.post("/insights/new/", data)
    response = client.post("/insights/new/", data, follow=True)
    assert messages_of(response)[-1] == "This insight was already saved."
    assert Insight.objects.count() == 1


# ---------------------------------------------------------------------------- queries


def _many(workspace: Any, alice: Any, n: int) -> None:
    team = [make_member(workspace, f"Teacher {i}") for i in range(3)]
    students = [make_student(workspace, f"Child {i}") for i in range(2)]
    for i in range(n):
        services.insight_record(
            workspace=workspace,
            author=alice,
            observed=f"Observation {i} about reading",
            source=["home", "classroom", "therapy"][i % 3],
            student=students[i % 2],
            shared_by=team[i % 3] if i % 2 else None,
        )


@pytest.mark.parametrize("query", ["", "?q=reading", "?source=home&shared_by=family", "?page=2"])
def test_the_list_runs_the_same_queries_for_3_and_30_insights(
    alice: Any, workspace: Any, query: str, settings: Any
) -> None:
    settings.PAGE_SIZE = 2  # so that page 2 exists at 3 insights too
    client = client_for(alice)
    _many(workspace, alice, 3)
    small = queries_for(client, "/insights/" + query)
    _many(workspace, alice, 27)
    assert_same_queries("The insights list", small, queries_for(client, "/insights/" + query))


def test_the_hub_runs_the_same_queries_whatever_there_is(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    _many(workspace, alice, 3)
    small = queries_for(client, "/working-together/")
    _many(workspace, alice, 27)
    assert_same_queries(
        "The working together page", small, queries_for(client, "/working-together/")
    )


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("field", ["shared_by", "student"])
def test_another_workspace_s_people_are_no_choice(
    alice: Any, workspace: Any, elsewhere: dict[str, Any], field: str
) -> None:
    other = elsewhere["member" if field == "shared_by" else "student"]
    response = client_for(alice).post("/insights/new/", insight_data(**{field: other.pk}))
    assert response.status_code == 200
    assert "Select a valid choice." in field_error(response, field)
    assert "Reads aloud to the dog every evening." in response.content.decode()
    assert not Insight.objects.exists()


@pytest.mark.parametrize("bad", [PAST_64_BITS, str(2**63), "-1", "١٢"])
@pytest.mark.parametrize("field", ["shared_by", "student"])
def test_ids_no_column_can_hold_are_a_form_error(
    alice: Any, workspace: Any, field: str, bad: str
) -> None:
    response = client_for(alice).post("/insights/new/", insight_data(**{field: bad}))
    assert "Select a valid choice." in field_error(response, field)
    assert not Insight.objects.exists()


@pytest.mark.parametrize("bad", [PAST_64_BITS, str(2**63), "-1"])
def test_a_filter_with_a_bad_id_says_so_and_still_lists(
    alice: Any, insight: Insight, bad: str
) -> None:
    response = client_for(alice).get("/insights/", {"shared_by": bad, "student": bad})
    assert response.status_code == 200
    assert "Select a valid choice." in field_error(response, "shared_by")
    assert insight.observed in response.content.decode()


def test_ten_thousand_characters_are_refused_and_kept(alice: Any, insight: Insight) -> None:
    long = "x" * 10_000
    response = client_for(alice).post(
        f"/insights/{insight.pk}/edit/", insight_data(observed=long, what_works=long)
    )
    assert response.status_code == 200
    expected = f"Ensure this value has at most {TEXT_MAX} characters (it has 10000)."
    assert field_error(response, "observed") == expected
    assert field_error(response, "what_works") == expected
    assert long in response.content.decode()
    insight.refresh_from_db()
    assert insight.observed.startswith("Sam answers")


def test_an_empty_insight_says_what_is_missing(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post(
        "/insights/new/", insight_data(observed="", what_works="Kept, though.")
    )
    assert field_error(response, "observed") == "Say what was seen: a moment, a habit, a change."
    assert "Kept, though." in response.content.decode()


@pytest.mark.parametrize("day", ["2999-01-01", "1200-01-01", "2026-02-30"])
def test_an_impossible_date_is_refused(alice: Any, workspace: Any, day: str) -> None:
    response = client_for(alice).post("/insights/new/", insight_data(observed_on=day))
    assert field_error(response, "observed_on")
    assert not Insight.objects.exists()


@pytest.mark.parametrize(
    "path", ["/insights/{huge}/", "/insights/{huge}/edit/", "/insights/{other}/"]
)
def test_unknown_and_foreign_insights_are_not_found(alice: Any, oscar: Any, path: str) -> None:
    theirs = services.insight_record(
        workspace=oscar.memberships.get().workspace, author=oscar, observed="Theirs."
    )
    url = path.format(huge=10**30, other=theirs.pk)
    assert client_for(alice).get(url).status_code == 404
    assert client_for(alice).post(url.replace("/edit/", "/") + "thank/").status_code == 404


def test_what_was_typed_is_shown_escaped(alice: Any, workspace: Any, member: Any) -> None:
    made = services.insight_record(
        workspace=workspace,
        author=alice,
        observed=PAYLOAD,
        what_works=PAYLOAD,
        shared_by_name=PAYLOAD[:100],
    )
    client = client_for(alice)
    assert_escaped(client.get("/insights/"))
    assert_escaped(client.get(f"/insights/{made.pk}/"))
    form = client.get(f"/insights/{made.pk}/edit/").content.decode()
    assert PAYLOAD not in form and ESCAPED in form
