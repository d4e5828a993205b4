"""After a meeting: the follow-up draft, the meeting in the log, each attendee's personal
link and its page, replies recorded by a member, and "confirmed by N of M"."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from allies.log.models import Interaction, Purpose
from allies.meetings import follow_up, services
from allies.meetings.models import Confirmation, ConfirmationRequest, Meeting
from tests.support import (
    ESCAPED,
    PAYLOAD,
    POST_ONLY,
    ROLES,
    WRITE,
    assert_escaped,
    assert_outcome,
    assert_same_queries,
    client_for,
    field_error,
    make_meeting,
    make_member,
    make_student,
    page_of,
    queries_for,
)
from tests.support.smtp import REFUSED, Sink

PAST_64_BITS = "99999999999999999999"
TODAY = {"received_on": timezone.localdate().isoformat()}


@pytest.fixture
def held(workspace: Any, alice: Any) -> dict[str, Any]:
    """A meeting held yesterday with two attendees, a decision and an action item each."""
    sam = make_student(workspace, "Sam")
    lee = make_member(workspace, "Ms. Lee", email="lee@school.example")
    diaz = make_member(workspace, "Sra. Díaz", email="diaz@school.example", language="es")
    meeting = make_meeting(workspace, alice, in_days=-1, student=sam, attendees=[lee, diaz])
    services.decision_add(meeting=meeting, author=alice, text="Reading group three times a week")
    services.action_item_add(
        workspace=workspace,
        author=alice,
        meeting=meeting,
        text="Send the reading log",
        owner=lee,
        due=timezone.localdate() + datetime.timedelta(days=7),
    )
    services.action_item_add(
        workspace=workspace, author=alice, meeting=meeting, text="Read at home", owner=None
    )
    return {"meeting": meeting, "lee": lee, "diaz": diaz, "sam": sam}


def _link_path(meeting: Meeting, member: Any) -> str:
    url, _expires = services.confirmation_link(meeting=meeting, member=member)
    return urlsplit(url).path


# ---------------------------------------------------------------------------- links offered


@pytest.mark.parametrize(
    ("site_url", "offered"),
    [
        ("http://127.0.0.1:8000", False),
        ("http://localhost:8000", False),
        ("http://[::1]:8000", False),
        ("http://0.0.0.0:8000", False),
        ("http://allies.localhost", False),
        ("https://allies.school.example", True),
        ("http://192.168.1.20:8000", True),  # the family's network: others can reach it
    ],
)
def test_links_are_offered_only_when_others_can_reach_the_install(
    site_url: str, offered: bool
) -> None:
    assert follow_up.links_offered(site_url) is offered


def test_attendees_are_grouped_by_the_language_their_messages_are_in(
    held: dict[str, Any],
) -> None:
    groups = follow_up.language_groups([held["lee"], held["diaz"]])
    assert [(g.language, [m.name for m in g.members]) for g in groups] == [
        ("en", ["Ms. Lee"]),
        ("es", ["Sra. Díaz"]),
    ]


# ---------------------------------------------------------------------------- the log entry


def test_the_meeting_is_logged_once_with_every_attendee(held: dict[str, Any], alice: Any) -> None:
    meeting = held["meeting"]
    entry, made = services.meeting_log(meeting=meeting, author=alice)
    assert made
    again, made_again = services.meeting_log(meeting=meeting, author=alice)
    assert (again.pk, made_again) == (entry.pk, False)
    assert Interaction.objects.filter(workspace=meeting.workspace).count() == 1
    assert {m.pk for m in entry.participants.all()} == {held["lee"].pk, held["diaz"].pk}
    assert entry.occurred_at == meeting.starts_at
    assert entry.channel == "meeting" and entry.purposes & Purpose.MEETING
    assert entry.student_id == held["sam"].pk
    assert "Reading group three times a week" in entry.summary
    assert "Send the reading log (Ms. Lee, by" in entry.summary
    assert "Read at home (the family)" in entry.summary
    assert Meeting.objects.get(pk=meeting.pk).logged_entry_id == entry.pk


def test_draft_the_follow_up_logs_the_meeting_and_opens_compose_for_one_language(
    held: dict[str, Any], alice: Any
) -> None:
    meeting = held["meeting"]
    response = client_for(alice).post(f"/meetings/{meeting.pk}/follow-up/", {"language": "es"})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    query = parse_qs(target.query)
    assert target.path == "/toolkit/compose/"
    assert query["kind"] == ["meeting_follow_up"]
    assert query["meeting"] == [str(meeting.pk)]
    assert query["language"] == ["es"]
    assert query["member"] == [str(held["diaz"].pk)]  # not Ms. Lee, who reads English
    meeting.refresh_from_db()
    assert meeting.logged_entry_id is not None and meeting.follow_up_drafted_at is not None
    # The English follow-up too: still one entry for the meeting.
    client_for(alice).post(f"/meetings/{meeting.pk}/follow-up/", {"language": "en"})
    assert Interaction.objects.filter(workspace=meeting.workspace).count() == 1


def test_a_meeting_still_to_come_is_not_followed_up(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    meeting = make_meeting(workspace, alice, in_days=3, attendees=[lee])
    response = client_for(alice).post(f"/meetings/{meeting.pk}/follow-up/", {"language": "en"})
    assert response.status_code == 302 and "/compose/" not in response["Location"]
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_write_draft_the_follow_up(
    personas: dict[str, Any], held: dict[str, Any], role: str
) -> None:
    meeting = held["meeting"]
    response = client_for(personas[role]).post(f"/meetings/{meeting.pk}/follow-up/")
    assert_outcome(response, WRITE[role])
    assert Interaction.objects.exists() is (WRITE[role] == 302)
    get = client_for(personas[role]).get(f"/meetings/{meeting.pk}/follow-up/")
    assert_outcome(get, POST_ONLY[role])


# ---------------------------------------------------------------------------- the draft


def test_the_draft_lists_the_decisions_and_action_items_in_the_recipients_language(
    held: dict[str, Any], alice: Any
) -> None:
    meeting, diaz = held["meeting"], held["diaz"]
    url = (
        f"/toolkit/compose/?kind=meeting_follow_up&meeting={meeting.pk}"
        f"&member={diaz.pk}&language=es&student={held['sam'].pk}"
    )
    page = page_of(client_for(alice).get(url))
    assert "Hola, Sra. Díaz:" in page
    assert "- Reading group three times a week" in page
    assert "- Send the reading log (Ms. Lee, para el" in page
    assert "- Read at home (la familia)" in page
    assert f'name="meeting" value="{meeting.pk}"' in page


def test_a_follow_up_for_another_family_s_meeting_shows_none_of_it(
    held: dict[str, Any], oscar: Any
) -> None:
    url = f"/toolkit/compose/?kind=meeting_follow_up&meeting={held['meeting'].pk}"
    page = page_of(client_for(oscar).get(url))
    assert "Reading group" not in page
    assert "[What we agreed]" in page  # the cue, as for no meeting


def test_what_was_typed_in_the_meeting_is_escaped_in_the_draft(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    meeting = make_meeting(workspace, alice, in_days=-1, attendees=[lee])
    services.decision_add(meeting=meeting, author=alice, text=PAYLOAD)
    url = f"/toolkit/compose/?kind=meeting_follow_up&meeting={meeting.pk}&member={lee.pk}"
    page = page_of(client_for(alice).get(url))
    assert PAYLOAD not in page and ESCAPED in page


def _send_data(held: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "action": "send_as_is",
        "kind": "meeting_follow_up",
        "recipients": [held["lee"].pk, held["diaz"].pk],
        "student": held["sam"].pk,
        "language": "en",
        "subject": "Following up on our meeting about Sam",
        "body": "Hi both,\n\n- Reading group three times a week\n\nBest,\nAlice",
        "month": "",
        "meeting": held["meeting"].pk,
        "form_token": "token-send",
        **extra,
    }


def test_sent_from_allies_each_attendee_gets_a_copy_with_their_own_link(
    held: dict[str, Any], alice: Any, smtp: Sink
) -> None:
    outsider = make_member(held["meeting"].workspace, "Coach", email="coach@example.org")
    data = _send_data(held, recipients=[held["lee"].pk, held["diaz"].pk, outsider.pk])
    response = client_for(alice).post("/toolkit/compose/", data)
    assert response.status_code == 302
    links = {}
    for address in ("lee@school.example", "diaz@school.example"):
        [message] = smtp.to(address)
        body = message.get_content()
        assert "Reading group three times a week" in body
        [link] = re.findall(r"https://allies\.example\.org(/confirm/\S+)", body)
        links[address] = link
    assert "Su enlace propio" in smtp.to("diaz@school.example")[0].get_content()
    assert links["lee@school.example"] != links["diaz@school.example"]
    [coach] = smtp.to("coach@example.org")
    assert "/confirm/" not in coach.get_content()  # not an attendee: no link
    # The log keeps the message, never a link (it would let a reader answer for them).
    entry = Interaction.objects.get(channel="email")
    assert "/confirm/" not in entry.summary
    assert ConfirmationRequest.objects.count() == 2
    # Each link opens its own person's page.
    lee_page = page_of(client_for(None).get(links["lee@school.example"]))
    assert "Hello Ms. Lee." in lee_page


def test_a_copy_the_server_refuses_is_offered_again_and_the_others_are_logged(
    held: dict[str, Any], alice: Any, smtp: Sink
) -> None:
    workspace = held["meeting"].workspace
    gone = make_member(workspace, "Mr. Gone", email=REFUSED)
    data = _send_data(held, recipients=[held["lee"].pk, gone.pk, held["diaz"].pk])
    client = client_for(alice)
    response = client.post("/toolkit/compose/", data)
    assert response.status_code == 200  # the claimed token is kept: the others were sent
    page = page_of(response)
    assert "Sent to Ms. Lee, Sra. Díaz and added to the log." in html.unescape(page)
    assert "did not accept the copy for Mr. Gone" in page
    # What was typed is there, addressed to the one it did not reach, on a new token.
    assert "Reading group three times a week" in page
    assert re.search(rf'value="{gone.pk}"[^>]*checked', page)
    assert not re.search(rf'value="{held["lee"].pk}"[^>]*checked', page)
    assert 'value="token-send"' not in page
    assert len(smtp.to("lee@school.example")) == len(smtp.to("diaz@school.example")) == 1
    # The entry logged has the two it reached, not the one it did not.
    entry = Interaction.objects.get(channel="email")
    assert {m.pk for m in entry.participants.all()} == {held["lee"].pk, held["diaz"].pk}
    # The same form again (a reload) sends and logs nothing more.
    assert client.post("/toolkit/compose/", data).status_code == 302
    assert Interaction.objects.filter(channel="email").count() == 1
    assert len(smtp.to("lee@school.example")) == 1


def test_the_copy_and_the_page_give_the_link_s_last_day_in_the_planner_s_zone(
    held: dict[str, Any], alice: Any, erin: Any, smtp: Sink
) -> None:
    # A day apart whatever the hour: the planner at UTC+14, the one sending at UTC-11.
    alice.time_zone = "Pacific/Kiritimati"
    alice.save()
    erin.time_zone = "Pacific/Pago_Pago"
    erin.save()
    client_for(erin).post("/toolkit/compose/", _send_data(held))
    [request] = ConfirmationRequest.objects.filter(member=held["lee"])
    with timezone.override("Pacific/Kiritimati"):
        day = date_format(timezone.localtime(request.expires_at), "DATE_FORMAT")
    body = smtp.to("lee@school.example")[0].get_content()
    assert f"until {day}:" in body
    [link] = re.findall(r"https://allies\.example\.org(/confirm/\S+)", body)
    assert f"until {day}," in page_of(client_for(None).get(link))


def test_on_this_computer_only_the_follow_up_carries_no_links(
    held: dict[str, Any], alice: Any, smtp: Sink, settings: Any
) -> None:
    settings.SITE_URL = "http://127.0.0.1:8000"
    client_for(alice).post("/toolkit/compose/", _send_data(held))
    assert len(smtp.messages) == 1  # one message to everyone, as any other
    assert "/confirm/" not in smtp.messages[0].get_content()
    assert not ConfirmationRequest.objects.exists()


# ---------------------------------------------------------------------------- the link's page


def test_the_link_opens_the_summary_and_nothing_else(held: dict[str, Any]) -> None:
    path = _link_path(held["meeting"], held["lee"])
    response = client_for(None).get(path)
    assert response.status_code == 200
    page = page_of(response)
    assert "Reading group three times a week" in page
    assert "Send the reading log (Ms. Lee, by" in page
    # No way into Allies from here: the only link is the skip link, to the page itself.
    assert re.findall(r'<a\s[^>]*href="([^"]*)"', page) == ["#main"]
    assert "<nav" not in page
    assert response["Referrer-Policy"] == "same-origin"  # no other site sees the key
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_an_answer_through_the_link_is_sealed_in_the_record_and_the_link_is_used(
    held: dict[str, Any],
) -> None:
    meeting, lee = held["meeting"], held["lee"]
    path = _link_path(meeting, lee)
    client = client_for(None)
    client.get(path)
    response = client.post(
        path,
        {"summary": services.summary_hash(held["meeting"]), "response": "confirmed", "text": ""},
    )
    assert response.status_code == 200 and "Thank you" in page_of(response)
    [answer] = Confirmation.objects.filter(meeting=meeting)
    assert (answer.member_id, answer.response, answer.via) == (lee.pk, "confirmed", "link")
    assert answer.hash and answer.summary_hash == services.summary_hash(meeting)
    again = client.post(
        path,
        {
            "summary": services.summary_hash(held["meeting"]),
            "response": "correction",
            "text": "Changed my mind",
        },
    )
    assert again.status_code == 410
    assert Confirmation.objects.filter(meeting=meeting).count() == 1


def test_a_correction_needs_its_words_and_keeps_what_was_typed(held: dict[str, Any]) -> None:
    path = _link_path(held["meeting"], held["lee"])
    response = client_for(None).post(
        path,
        {"summary": services.summary_hash(held["meeting"]), "response": "correction", "text": ""},
    )
    assert response.status_code == 400
    assert "Write what should be corrected." in field_error(response, "text")
    long = "x" * 5000
    response = client_for(None).post(
        path,
        {"summary": services.summary_hash(held["meeting"]), "response": "correction", "text": long},
    )
    assert response.status_code == 400 and long in page_of(response)
    assert not Confirmation.objects.exists()
    response = client_for(None).post(
        path,
        {
            "summary": services.summary_hash(held["meeting"]),
            "response": "correction",
            "text": PAYLOAD,
        },
    )
    assert response.status_code == 200
    assert Confirmation.objects.get().text == PAYLOAD


def test_the_link_s_page_speaks_the_attendee_s_language(held: dict[str, Any]) -> None:
    page = page_of(client_for(None).get(_link_path(held["meeting"], held["diaz"])))
    assert 'lang="es"' in page
    assert "Hola, Sra. Díaz." in page


@pytest.mark.parametrize("problem", ["altered", "other_meeting", "unknown", "expired", "junk"])
def test_a_link_that_does_not_open_says_why(
    held: dict[str, Any], workspace: Any, alice: Any, problem: str
) -> None:
    meeting = held["meeting"]
    path = _link_path(meeting, held["lee"])
    token = path.rstrip("/").rsplit("/", 1)[1]
    if problem == "altered":
        path = path.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    elif problem == "other_meeting":
        other = make_meeting(workspace, alice, in_days=-2, attendees=[held["lee"]])
        path = f"/confirm/{other.pk}/{token}/"
    elif problem == "unknown":
        ConfirmationRequest.objects.all().delete()
    elif problem == "expired":
        ConfirmationRequest.objects.update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    else:
        path = f"/confirm/{PAST_64_BITS}/%00%3Cscript%3E/"
    status = {"altered": 400, "other_meeting": 400, "unknown": 404, "expired": 410, "junk": 400}
    for response in (
        client_for(None).get(path),
        client_for(None).post(path, {"response": "confirmed"}),
    ):
        assert response.status_code == status[problem]
        assert "This link" in page_of(response)
        assert "Reading group" not in page_of(response)
    assert not Confirmation.objects.exists()


def test_an_answer_sent_after_the_link_expired_is_shown_back_to_copy(
    held: dict[str, Any],
) -> None:
    path = _link_path(held["meeting"], held["lee"])
    client = client_for(None)
    summary = services.summary_hash(held["meeting"])
    assert client.get(path).status_code == 200  # opened in time
    ConfirmationRequest.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    typed = f"It was twice a week, not three times. {PAYLOAD}"
    response = client.post(path, {"summary": summary, "response": "correction", "text": typed})
    assert response.status_code == 410
    page = page_of(response)
    assert "This link has expired." in page
    assert "It was not recorded. Copy it into a reply to the email" in page
    assert_escaped(response)
    assert html.unescape(page).count(typed) == 1
    assert not Confirmation.objects.exists()


# ---------------------------------------------------------------------------- replies, tally


def test_a_reply_recorded_by_a_member_counts_towards_confirmed_by(
    held: dict[str, Any], alice: Any
) -> None:
    meeting, lee, diaz = held["meeting"], held["lee"], held["diaz"]
    client = client_for(alice)
    response = client.post(
        f"/meetings/{meeting.pk}/replies/new/",
        {"member": lee.pk, "response": "confirmed", "text": "", "form_token": "t1", **TODAY},
    )
    assert response.status_code == 302
    page = page_of(client.get(f"/meetings/{meeting.pk}/"))
    assert "Confirmed by 1 of 2" in page
    assert "a reply recorded by Alice" in page
    client.post(
        f"/meetings/{meeting.pk}/replies/new/",
        {
            "member": diaz.pk,
            "response": "correction",
            "text": "Twice a week",
            "form_token": "t2",
            **TODAY,
        },
    )
    page = page_of(client.get(f"/meetings/{meeting.pk}/"))
    assert "Confirmed by 1 of 2" in page and "Twice a week" in page
    # The same form sent again records nothing more.
    client.post(
        f"/meetings/{meeting.pk}/replies/new/",
        {
            "member": diaz.pk,
            "response": "correction",
            "text": "Twice a week",
            "form_token": "t2",
            **TODAY,
        },
    )
    assert Confirmation.objects.filter(meeting=meeting).count() == 2
    numbers = list(Confirmation.objects.order_by("number").values_list("number", "prev_hash"))
    assert numbers[1][1] == Confirmation.objects.get(number=1).hash  # chained


def test_a_meeting_not_yet_held_shows_no_tally(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", email="lee@school.example")
    coming = make_meeting(workspace, alice, in_days=10, attendees=[lee])
    page = page_of(client_for(alice).get(f"/meetings/{coming.pk}/"))
    assert "Confirmed by" not in page and "no answer yet" not in page
    assert "Once the meeting has taken place, draft the follow-up here" in page


def test_a_reply_keeps_the_day_it_arrived_sealed_with_it(held: dict[str, Any], alice: Any) -> None:
    meeting, lee = held["meeting"], held["lee"]
    arrived = timezone.localdate(meeting.starts_at)  # the evening of the meeting
    client = client_for(alice)
    client.post(
        f"/meetings/{meeting.pk}/replies/new/",
        {"member": lee.pk, "response": "confirmed", "received_on": arrived.isoformat()},
    )
    answer = Confirmation.objects.get()
    assert answer.received_on == arrived
    page = page_of(client.get(f"/meetings/{meeting.pk}/"))
    assert f'<time datetime="{arrived.isoformat()}">' in page
    assert "(recorded " in page
    sealed = answer.hash
    answer.received_on = arrived - datetime.timedelta(days=3)
    assert services.confirmation_seal(answer, member_name=lee.name) != sealed


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"member": "", "response": "confirmed"}, "member", "This field is required."),
        ({"member": PAST_64_BITS, "response": "confirmed"}, "member", "Select a valid"),
        ({"member": "abc", "response": "confirmed"}, "member", "Select a valid"),
        ({"member": "lee", "response": "maybe"}, "response", "Select a valid choice"),
        (
            {"member": "lee", "response": "confirmed", "received_on": ""},
            "received_on",
            "Give the day",
        ),
        (
            {"member": "lee", "response": "confirmed", "received_on": "31/02/2026"},
            "received_on",
            "Enter a valid date",
        ),
        (
            {"member": "lee", "response": "confirmed", "received_on": "2999-01-01"},
            "received_on",
            "cannot be dated after today",
        ),
        (
            {"member": "lee", "response": "confirmed", "received_on": "2020-01-01"},
            "received_on",
            "comes after the meeting",
        ),
        (
            {"member": "lee", "response": "correction", "text": ""},
            "text",
            "Write what should be corrected",
        ),
    ],
)
def test_a_reply_with_bad_input_is_refused_on_the_page(
    held: dict[str, Any], alice: Any, data: dict[str, str], field: str, message: str
) -> None:
    if data["member"] == "lee":
        data = {**data, "member": str(held["lee"].pk)}
    response = client_for(alice).post(
        f"/meetings/{held['meeting'].pk}/replies/new/", {**TODAY, **data}
    )
    assert response.status_code == 200
    assert message in field_error(response, field)
    assert not Confirmation.objects.exists()


def test_someone_who_was_not_there_cannot_be_recorded_as_confirming(
    held: dict[str, Any], alice: Any, oscar: Any
) -> None:
    stranger = make_member(held["meeting"].workspace, "Not there")
    theirs = make_member(oscar.memberships.get().workspace, "Theirs")
    for member in (stranger, theirs):
        response = client_for(alice).post(
            f"/meetings/{held['meeting'].pk}/replies/new/",
            {"member": member.pk, "response": "confirmed", **TODAY},
        )
        assert "Select a valid choice" in field_error(response, "member")
    assert not Confirmation.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_write_record_a_reply(
    personas: dict[str, Any], held: dict[str, Any], role: str
) -> None:
    response = client_for(personas[role]).post(
        f"/meetings/{held['meeting'].pk}/replies/new/",
        {"member": held["lee"].pk, "response": "confirmed", **TODAY},
    )
    assert_outcome(response, WRITE[role])
    assert Confirmation.objects.exists() is (WRITE[role] == 302)


def test_the_meeting_page_costs_the_same_with_2_or_12_answers(
    held: dict[str, Any], alice: Any
) -> None:
    meeting, lee = held["meeting"], held["lee"]
    client = client_for(alice)

    def answer(n: int) -> None:
        for _ in range(n):
            services.confirmation_record(
                meeting=meeting, member=lee, response="confirmed", via="reply", recorded_by=alice
            )

    answer(2)
    small = queries_for(client, f"/meetings/{meeting.pk}/")
    answer(10)
    large = queries_for(client, f"/meetings/{meeting.pk}/")
    assert_same_queries("The meeting page", small, large)


def test_a_link_s_page_posts_without_a_cookie(held: dict[str, Any]) -> None:
    """A mail app's browser may keep no cookies: the token in the address is the key."""
    from django.test import Client

    path = _link_path(held["meeting"], held["lee"])
    client = Client(enforce_csrf_checks=True)
    page = page_of(client.get(path))
    summary = re.search(r'name="summary" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
    response = client.post(path, {"response": "confirmed", "summary": summary})
    assert response.status_code == 200 and "Thank you" in page_of(response)
    assert client.put(path).status_code == 405


def test_an_answer_to_a_summary_that_changed_meanwhile_is_asked_again(
    held: dict[str, Any], alice: Any
) -> None:
    meeting = held["meeting"]
    path = _link_path(meeting, held["lee"])
    client = client_for(None)
    shown = re.search(r'name="summary" value="([0-9a-f]+)"', page_of(client.get(path)))
    services.decision_add(meeting=meeting, author=alice, text="A new decision")
    data = {"response": "correction", "text": "Twice a week", "summary": shown.group(1)}  # type: ignore[union-attr]
    response = client.post(path, data)
    assert response.status_code == 409
    page = page_of(response)
    assert "The summary changed while this page was open." in page
    assert "A new decision" in page and "Twice a week" in page  # nothing typed is lost
    assert not Confirmation.objects.exists()
    fresh = re.search(r'name="summary" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
    assert client.post(path, {**data, "summary": fresh}).status_code == 200


def test_a_confirmation_of_an_earlier_summary_no_longer_counts(
    held: dict[str, Any], alice: Any
) -> None:
    meeting = held["meeting"]
    services.confirmation_record(
        meeting=meeting, member=held["lee"], response="confirmed", via="reply", recorded_by=alice
    )
    page = page_of(client_for(alice).get(f"/meetings/{meeting.pk}/"))
    assert "Confirmed by 1 of 2" in page
    services.decision_add(meeting=meeting, author=alice, text="Added afterwards")
    page = page_of(client_for(alice).get(f"/meetings/{meeting.pk}/"))
    assert "Confirmed by 0 of 2" in page and "answered before the summary changed" in page
    assert "Confirmed by 0 of 2" in page_of(client_for(alice).get("/meetings/"))


def test_someone_taken_off_the_meeting_or_the_team_has_no_say(held: dict[str, Any]) -> None:
    from allies.meetings.models import MeetingAttendee

    meeting, lee, diaz = held["meeting"], held["lee"], held["diaz"]
    lee_path, diaz_path = _link_path(meeting, lee), _link_path(meeting, diaz)
    MeetingAttendee.objects.filter(meeting=meeting, member=lee).delete()
    diaz.active = False
    diaz.save(update_fields=["active"])
    for path in (lee_path, diaz_path):
        assert client_for(None).get(path).status_code == 404
        assert client_for(None).post(path, {"response": "confirmed"}).status_code == 404
    assert not Confirmation.objects.exists()


def test_an_answer_retires_the_person_s_other_links(held: dict[str, Any], alice: Any) -> None:
    meeting, lee = held["meeting"], held["lee"]
    first, second = _link_path(meeting, lee), _link_path(meeting, lee)
    services.confirmation_record(
        meeting=meeting, member=lee, response="confirmed", via="reply", recorded_by=alice
    )
    for path in (first, second):
        assert client_for(None).get(path).status_code == 410
