"""Whatever is typed into the log's forms and URLs: a clear error, what was typed kept, no 500."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

import pytest

from allies.log.models import Interaction
from tests.support import (
    UNKNOWN_ID,
    client_for,
    entry_data,
    field_error,
    make_entry,
    make_member,
    make_student,
)

HUGE_ID = 10**30  # past any integer column: must still be a plain "not found"


@pytest.fixture
def elsewhere(oscar: Any) -> Any:
    """Oscar's workspace, with a team member, a student and an entry of its own."""
    workspace = oscar.memberships.get().workspace
    member = make_member(workspace, "Mr. Other")
    make_student(workspace, "Other child")
    make_entry(workspace, oscar, [member], summary="Private to the other family.")
    return workspace


def post_entry(user: Any, members: list[Any], **fields: Any) -> Any:
    return client_for(user).post("/log/new/", entry_data(members, **fields))


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("2026-02-30T10:00", "Enter a valid date/time."),
        ("tomorrow", "Enter a valid date/time."),
        ("0001-01-01T00:00", "Enter a date between 1990-01-01 and 2100-12-31."),
        ("9999-12-31T23:59", "This is in the future. Log what has already happened."),
        ("", "This field is required."),
    ],
)
def test_an_impossible_time_is_refused_next_to_the_field(
    alice: Any, member: Any, typed: str, error: str
) -> None:
    response = post_entry(alice, [member], occurred_at=typed)
    assert response.status_code == 200
    assert field_error(response, "occurred_at") == error
    assert f'value="{typed}"' in response.content.decode() or not typed
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("time_zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
@pytest.mark.parametrize("typed", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_the_ends_of_the_calendar_are_refused_in_any_time_zone(
    alice: Any, member: Any, time_zone: str, typed: str
) -> None:
    # Near year 1 or 9999, converting to UTC would leave the calendar: no crash allowed.
    alice.time_zone = time_zone
    alice.save()
    response = post_entry(alice, [member], occurred_at=typed)
    assert response.status_code == 200
    assert field_error(response, "occurred_at")


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("2026-02-30", "Enter a valid date."),
        ("tomorrow", "Enter a valid date."),
        ("0001-01-01", "Enter a date between 1990-01-01 and 2100-12-31."),
        ("9999-12-31", "Enter a date between 1990-01-01 and 2100-12-31."),
    ],
)
def test_an_impossible_follow_up_date_is_refused(
    alice: Any, member: Any, typed: str, error: str
) -> None:
    response = post_entry(alice, [member], follow_up_due=typed)
    assert response.status_code == 200
    assert field_error(response, "follow_up_due") == error
    assert f'value="{typed}"' in response.content.decode()


def test_a_summary_over_ten_thousand_characters_is_refused_and_kept(
    alice: Any, member: Any
) -> None:
    typed = "word " * 2000 + "and one more"
    response = post_entry(alice, [member], summary=typed)
    assert response.status_code == 200
    assert "at most 10000 characters" in field_error(response, "summary")
    assert typed in response.content.decode()
    assert not Interaction.objects.exists()


def test_a_summary_of_exactly_ten_thousand_characters_is_accepted(alice: Any, member: Any) -> None:
    assert post_entry(alice, [member], summary="x" * 10_000).status_code == 302


def test_a_blank_summary_is_refused(alice: Any, member: Any) -> None:
    response = post_entry(alice, [member], summary="   \n  ")
    assert field_error(response, "summary") == "This field is required."


@pytest.mark.parametrize("which", ["unknown", "other workspace", "not a number", "none"])
def test_participants_must_be_people_of_this_workspace(
    alice: Any, member: Any, elsewhere: Any, which: str
) -> None:
    other = elsewhere.team_members.get()
    value = {
        "unknown": [member.pk, UNKNOWN_ID],
        "other workspace": [member.pk, other.pk],
        "not a number": ["abc"],
        "none": [],
    }[which]
    response = post_entry(alice, [], participants=value)
    assert response.status_code == 200
    assert field_error(response, "participants")
    assert "Mr. Other" not in response.content.decode()
    assert not Interaction.objects.filter(workspace=member.workspace).exists()


@pytest.mark.parametrize("which", ["unknown", "other workspace", "not a number"])
def test_the_student_must_be_of_this_workspace(
    alice: Any, member: Any, elsewhere: Any, which: str
) -> None:
    value = {
        "unknown": UNKNOWN_ID,
        "other workspace": elsewhere.students.get().pk,
        "not a number": "abc",
    }[which]
    response = post_entry(alice, [member], student=value)
    assert response.status_code == 200
    assert "Select a valid choice" in field_error(response, "student")


@pytest.mark.parametrize(
    ("field", "value"),
    [("channel", "fax"), ("direction", "sideways"), ("tone", "furious"), ("purposes", ["3"])],
)
def test_choices_outside_the_list_are_refused(
    alice: Any, member: Any, field: str, value: Any
) -> None:
    response = post_entry(alice, [member], **{field: value})
    assert response.status_code == 200
    assert "Select a valid choice" in field_error(response, field)


def test_a_new_entry_form_ignores_a_member_of_another_workspace(
    alice: Any, member: Any, elsewhere: Any
) -> None:
    other = elsewhere.team_members.get()
    for value in [other.pk, "abc", UNKNOWN_ID, "-1"]:
        response = client_for(alice).get(f"/log/new/?member={value}")
        assert response.status_code == 200
        assert "Mr. Other" not in response.content.decode()


def test_submitting_the_same_entry_form_twice_saves_one_entry(alice: Any, member: Any) -> None:
    client = client_for(alice)
    token = client.get("/log/new/").context["form"].initial["form_token"]
    data = entry_data([member], form_token=token, summary="Only once, please.")
    first = client.post("/log/new/", data)
    second = client.post("/log/new/", data, follow=True)
    assert first.status_code == 302
    assert "This entry was already saved." in second.content.decode()
    assert Interaction.objects.filter(summary="Only once, please.").count() == 1


def test_the_same_entry_sent_again_after_the_back_button_saves_one_entry(
    alice: Any, member: Any
) -> None:
    # Back brings the form again with what was typed but a fresh one-time token.
    client = client_for(alice)
    data = entry_data([member], summary="Sent after going back.")
    for _ in range(2):
        token = client.get("/log/new/").context["form"].initial["form_token"]
        response = client.post("/log/new/", {**data, "form_token": token}, follow=True)
    assert "This entry was already saved." in response.content.decode()
    assert Interaction.objects.filter(summary="Sent after going back.").count() == 1


def test_the_same_words_to_someone_else_are_a_new_entry(
    alice: Any, workspace: Any, member: Any
) -> None:
    other = make_member(workspace, name="Ms. Other")
    client = client_for(alice)
    for person in (member, other):
        client.post("/log/new/", entry_data([person], summary="Thanks for today!"))
    assert Interaction.objects.filter(summary="Thanks for today!").count() == 2


@pytest.mark.parametrize(
    "path",
    [
        "/log/{unknown}/",
        "/log/{unknown}/edit/",
        "/log/{unknown}/withdraw/",
        "/log/{other}/",
        "/log/{other}/edit/",
        "/log/{other}/withdraw/",
        "/log/{huge}/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_and_other_workspace_entries_are_not_found(
    alice: Any, elsewhere: Any, path: str, method: str
) -> None:
    other = Interaction.objects.get(workspace=elsewhere)
    url = path.format(unknown=UNKNOWN_ID, other=other.pk, huge=HUGE_ID)
    response = getattr(client_for(alice), method)(url, {"reason": "Not mine."})
    assert response.status_code == 404
    other.refresh_from_db()
    assert not other.is_withdrawn


@pytest.mark.parametrize("page_number", ["abc", "99999", "0", "-1", "1.5", ""])
def test_any_page_number_shows_a_page_of_the_log(alice: Any, entry: Any, page_number: str) -> None:
    response = client_for(alice).get(f"/log/?page={page_number}")
    assert response.status_code == 200
    assert entry.summary in response.content.decode()


@pytest.mark.parametrize("which", ["unknown", "other workspace", "not a number"])
def test_filtering_by_someone_outside_the_workspace_is_an_error_not_a_leak(
    alice: Any, entry: Any, elsewhere: Any, which: str
) -> None:
    other = elsewhere.team_members.get()
    value = {"unknown": UNKNOWN_ID, "other workspace": other.pk, "not a number": "abc"}[which]
    response = client_for(alice).get(f"/log/?member={value}")
    assert response.status_code == 200
    assert "Select a valid choice" in field_error(response, "member")
    html = response.content.decode()
    assert "Private to the other family." not in html
    assert "Mr. Other" not in html


def test_a_filter_that_ends_before_it_starts_says_so(alice: Any, entry: Any) -> None:
    response = client_for(alice).get("/log/?start=2026-03-10&end=2026-03-01")
    assert response.status_code == 200
    assert field_error(response, "end") == "The end date comes before the start date."
    html = response.content.decode()
    assert 'value="2026-03-10"' in html
    assert 'value="2026-03-01"' in html


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2026-02-30"},
        {"end": "tomorrow"},
        {"start": "0001-01-01"},
        {"end": "9999-12-31"},
        {"start": "9999-12-31"},
        {"start": "0001-01-01", "end": "9999-12-31"},
    ],
)
def test_impossible_filter_dates_are_refused_next_to_the_field(
    alice: Any, entry: Any, query: dict[str, str]
) -> None:
    response = client_for(alice).get("/log/?" + urlencode(query))
    assert response.status_code == 200
    for field, typed in query.items():
        assert field_error(response, field)
        assert f'value="{typed}"' in response.content.decode()


@pytest.mark.parametrize(
    "query", [{"purpose": "abc"}, {"purpose": "3"}, {"tone": "x"}, {"channel": "fax"}]
)
def test_unknown_filter_choices_are_refused(alice: Any, entry: Any, query: dict[str, str]) -> None:
    response = client_for(alice).get("/log/?" + urlencode(query))
    assert response.status_code == 200
    (field,) = query
    assert "Select a valid choice" in field_error(response, field)


def test_a_search_over_two_hundred_characters_is_refused(alice: Any, entry: Any) -> None:
    response = client_for(alice).get("/log/?" + urlencode({"q": "a" * 201}))
    assert response.status_code == 200
    assert "at most 200 characters" in field_error(response, "q")


def test_a_withdrawal_reason_over_five_hundred_characters_is_refused(
    alice: Any, entry: Any
) -> None:
    typed = "r" * 501
    response = client_for(alice).post(f"/log/{entry.pk}/withdraw/", {"reason": typed})
    assert response.status_code == 200
    assert "at most 500 characters" in field_error(response, "reason")
    assert typed in response.content.decode()
    entry.refresh_from_db()
    assert not entry.is_withdrawn


def test_an_entry_dated_in_the_future_beyond_a_clock_s_drift_is_refused(
    alice: Any, member: Any
) -> None:
    from django.utils import timezone

    later = timezone.localtime() + datetime.timedelta(days=2)
    response = post_entry(alice, [member], occurred_at=later.strftime("%Y-%m-%dT%H:%M"))
    assert field_error(response, "occurred_at") == (
        "This is in the future. Log what has already happened."
    )


def test_a_bad_filter_is_reported_and_the_good_ones_still_apply(
    alice: Any, workspace: Any, member: Any
) -> None:
    make_entry(workspace, alice, [member], summary="A positive one.", tone="positive")
    make_entry(workspace, alice, [member], summary="A difficult one.", tone="difficult")
    response = client_for(alice).get(
        "/log/?tone=positive&start=2026-11-10&end=2026-11-01",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="log-results",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some filters could not be used:" in html
    assert "The end date comes before the start date." in html
    assert "A positive one." in html
    assert "A difficult one." not in html


def test_a_follow_up_before_the_contact_is_refused(alice: Any, member: Any) -> None:
    data = entry_data([member], summary="Follow-up in the past.", follow_up_due="2020-01-01")
    response = client_for(alice).post("/log/new/", data)
    assert response.status_code == 200
    assert "A follow-up cannot come before the contact." in response.content.decode()
    assert not Interaction.objects.filter(summary="Follow-up in the past.").exists()


def test_withdrawing_a_withdrawn_entry_keeps_the_first_reason(alice: Any, entry: Any) -> None:
    client = client_for(alice)
    client.post(f"/log/{entry.pk}/withdraw/", {"reason": "Logged twice."})
    response = client.post(f"/log/{entry.pk}/withdraw/", {"reason": "Another reason."}, follow=True)
    assert "This entry is already withdrawn." in response.content.decode()
    entry.refresh_from_db()
    assert entry.withdrawn_reason == "Logged twice."
    assert entry.revisions.count() == 2


@pytest.mark.parametrize("value", ["²", "١٢", "1e3"])
def test_odd_digits_in_the_member_parameter_are_ignored(
    alice: Any, member: Any, value: str
) -> None:
    assert client_for(alice).get(f"/log/new/?member={value}").status_code == 200
