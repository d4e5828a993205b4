"""Compose: the draft it starts from, logging, refilling and checking it, and sending it
through a real SMTP server on 127.0.0.1.
"""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

import pytest
from django.utils import timezone

from allies.log.models import Direction, Interaction, Purpose, Tone
from allies.team.models import TeamMember
from allies.toolkit.defaults import KINDS
from tests.support import (
    COMPOSE,
    ESCAPED,
    PAYLOAD,
    assert_escaped,
    assert_same_queries,
    client_for,
    compose_data,
    field_error,
    input_value,
    make_entry,
    make_member,
    make_student,
    messages_of,
    page_of,
    queries_for,
    spanish,
    textarea,
)
from tests.support.smtp import Sink

APPRECIATION = int(Purpose.APPRECIATION)
VICTORY = int(Purpose.VICTORY)


# --- The draft it starts from ---------------------------------------------------------


def test_compose_prefills_the_kind_people_student_and_their_language(
    alice: Any, lee: Any, park: Any, maya: Any
) -> None:
    response = client_for(alice).get(
        COMPOSE, {"kind": "appreciation", "member": [park.pk, lee.pk], "student": maya.pk}
    )
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["kind"] == "appreciation"
    assert initial["recipients"] == [park.pk, lee.pk]
    assert initial["student"] == maya.pk
    # Mr. Park, the first one, reads Spanish: the draft starts in Spanish.
    assert initial["language"] == "es"
    assert initial["subject"] == "Gracias por su apoyo a Maya R."
    assert initial["body"].startswith("Hola, Mr. Park y Ms. Lee:")
    page = page_of(response)
    assert re.search(rf'value="{park.pk}"[^>]*checked', page)
    assert re.search(rf'value="{lee.pk}"[^>]*checked', page)
    assert textarea(page) == initial["body"]


def test_the_draft_language_can_be_chosen(alice: Any, park: Any) -> None:
    response = client_for(alice).get(
        COMPOSE, {"kind": "appreciation", "member": park.pk, "language": "en"}
    )
    initial = response.context["form"].initial
    assert initial["language"] == "en"
    assert initial["body"].startswith("Hi Mr. Park,")


def test_without_recipients_the_draft_is_in_the_user_s_language(alice: Any, workspace: Any) -> None:
    response = client_for(spanish(alice)).get(COMPOSE, {"kind": "check_in"})
    initial = response.context["form"].initial
    assert initial["language"] == "es"
    assert initial["recipients"] == []
    assert initial["body"].startswith("Hola, todos:")


def test_an_unknown_language_falls_back_to_the_recipient_s(alice: Any, park: Any) -> None:
    response = client_for(alice).get(COMPOSE, {"member": park.pk, "language": "fr"})
    assert response.context["form"].initial["language"] == "es"


def test_the_only_student_is_picked_for_you(alice: Any, lee: Any, maya: Any) -> None:
    response = client_for(alice).get(COMPOSE, {"kind": "check_in", "member": lee.pk})
    assert response.context["form"].initial["student"] == maya.pk
    assert "Maya R." in response.context["form"].initial["body"]


def test_with_two_students_none_is_picked_unless_asked(
    alice: Any, workspace: Any, lee: Any, maya: Any
) -> None:
    leo = make_student(workspace, "Leo")
    client = client_for(alice)
    assert client.get(COMPOSE, {"member": lee.pk}).context["form"].initial["student"] is None
    asked = client.get(COMPOSE, {"member": lee.pk, "student": leo.pk})
    assert asked.context["form"].initial["student"] == leo.pk


def test_the_recipient_panel_shows_how_to_reach_them(alice: Any, lee: Any) -> None:
    page = page_of(client_for(alice).get(COMPOSE, {"member": lee.pk}))
    panel = page[page.index("compose-side") :]
    assert "Ms. Lee" in panel
    assert "<dt>Prefers</dt><dd>Phone</dd>" in panel
    assert "<dt>Best times</dt><dd>Tuesdays after 3</dd>" in panel
    assert "Short notes, bullet points." in panel
    assert "lee@school.example" in panel


def test_foreign_and_junk_member_ids_are_ignored(
    alice: Any, lee: Any, oscars: dict[str, Any]
) -> None:
    other = oscars["member"]
    response = client_for(alice).get(
        COMPOSE,
        {
            "member": ["x", "-1", "1e3", "٣", "9" * 30, str(other.pk), "", str(lee.pk), "999999"],
            "student": [str(oscars["student"].pk), "junk"],
        },
    )
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["recipients"] == [lee.pk]
    assert initial["student"] is None
    page = page_of(response)
    assert "Mr. Other" not in page and "Otto" not in page


def test_an_inactive_member_is_not_offered(alice: Any, workspace: Any, lee: Any) -> None:
    gone = make_member(workspace, "Mr. Gone", active=False)
    response = client_for(alice).get(COMPOSE, {"member": [gone.pk, lee.pk]})
    assert response.context["form"].initial["recipients"] == [lee.pk]


@pytest.mark.parametrize("kind", ["", "nope", "appreciation' OR 1=1", "<b>"])
def test_an_unknown_kind_falls_back_to_the_first(alice: Any, lee: Any, kind: str) -> None:
    response = client_for(alice).get(COMPOSE, {"kind": kind, "member": lee.pk})
    assert response.status_code == 200
    assert response.context["form"].initial["kind"] == KINDS[0].key


def test_the_recipients_are_para_in_spanish_not_the_date_filter_s_hasta(
    alice: Any, workspace: Any, lee: Any
) -> None:
    page = page_of(client_for(spanish(alice)).get(f"{COMPOSE}?kind=appreciation&member={lee.pk}"))
    assert "<legend>Para</legend>" in page
    assert "<legend>Hasta</legend>" not in page


# --- Logging, refilling, checking -----------------------------------------------------


def test_logging_a_draft_records_it_as_sent(alice: Any, lee: Any, park: Any, maya: Any) -> None:
    data = compose_data(
        [lee, park],
        kind="appreciation",
        student=maya.pk,
        subject="Thank you!",
        body="Hi both,\n\nThank you for the new schedule.\n\nAlice",
    )
    response = client_for(alice).post(COMPOSE, data)
    entry = Interaction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/log/{entry.pk}/"
    assert entry.purposes == APPRECIATION
    assert entry.tone == Tone.POSITIVE
    assert entry.direction == Direction.SENT
    assert entry.channel == "email"
    assert set(entry.participants.all()) == {lee, park}
    assert entry.student == maya
    assert entry.author == alice
    assert entry.summary == "Thank you!\n\nHi both,\n\nThank you for the new schedule.\n\nAlice"
    assert abs(timezone.now() - entry.occurred_at) < datetime.timedelta(minutes=1)
    assert entry.revisions.count() == 1


@pytest.mark.parametrize("kind", [k.key for k in KINDS])
def test_each_kind_logs_its_own_purposes(alice: Any, lee: Any, kind: str) -> None:
    client_for(alice).post(COMPOSE, compose_data([lee], kind=kind))
    entry = Interaction.objects.get()
    kind_info = next(k for k in KINDS if k.key == kind)
    expected = 0
    for name in kind_info.purposes:
        expected |= int(Purpose[name.upper()])
    assert entry.purposes == expected


def test_logging_goes_back_to_a_safe_next(alice: Any, lee: Any) -> None:
    client = client_for(alice)
    ok = client.post(COMPOSE, compose_data([lee], next="/team/", form_token="a"))
    assert ok["Location"] == "/team/"
    evil = client.post(COMPOSE, compose_data([lee], next="https://evil.example/", form_token="b"))
    assert evil["Location"].startswith("/log/")


def test_the_same_draft_posted_twice_is_logged_once(alice: Any, lee: Any) -> None:
    client = client_for(alice)
    first = client.post(COMPOSE, compose_data([lee]))
    assert first.status_code == 302
    again = client.post(COMPOSE, compose_data([lee]), follow=True)
    assert Interaction.objects.count() == 1
    # It goes to the entry the first post made.
    entry = Interaction.objects.get()
    assert again.redirect_chain[0] == (f"/log/{entry.pk}/", 302)
    assert "This message was already logged." in messages_of(again)
    # A new draft (a new token) is logged.
    client.post(COMPOSE, compose_data([lee], form_token="token-2"))
    assert Interaction.objects.count() == 2


def test_refill_starts_again_from_the_template(alice: Any, lee: Any, park: Any, maya: Any) -> None:
    # Issue 9: "refill" keeps typed text and asks; "replace" is the answer that replaces
    # it. The people are greeted in the order they were ticked (here, as posted).
    data = compose_data(
        [lee, park],
        action="replace",
        kind="appreciation",
        language="es",
        student=maya.pk,
        subject="My own subject",
        body="My own words",
    )
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 200
    page = page_of(response)
    assert input_value(page, "subject") == "Gracias por su apoyo a Maya R."
    body = textarea(page)
    assert body.startswith("Hola, Ms. Lee y Mr. Park:")
    assert "My own words" not in body
    assert Interaction.objects.count() == 0


def test_refill_with_an_unknown_kind_keeps_the_text(alice: Any, lee: Any) -> None:
    data = compose_data([lee], action="refill", kind="nope", body="Keep me")
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 200
    assert textarea(page_of(response)) == "Keep me"


def test_refill_of_the_monthly_update_keeps_its_month(alice: Any, workspace: Any, lee: Any) -> None:
    make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=timezone.make_aware(datetime.datetime(2026, 10, 14, 12)),
        purposes=VICTORY,
        summary="October victory.",
    )
    # "replace": a draft with typed text is only replaced when asked (issue 9).
    data = compose_data([lee], action="replace", kind="monthly_update", month="2026-10")
    page = page_of(client_for(alice).post(COMPOSE, data))
    assert "October victory." in textarea(page)
    assert input_value(page, "subject").endswith("October 2026")


def test_check_shows_the_tone_coach_on_the_body(alice: Any, lee: Any) -> None:
    data = compose_data([lee], action="check", body="You must fix this by Friday.")
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 200
    page = page_of(response)
    assert '<mark class="finding finding-demand">You must</mark>' in page
    assert textarea(page) == "You must fix this by Friday."
    assert Interaction.objects.count() == 0


def test_check_of_a_warm_draft_finds_nothing(alice: Any, lee: Any) -> None:
    data = compose_data([lee], action="check", body="Thank you so much for the lovely note.")
    page = page_of(client_for(alice).post(COMPOSE, data))
    assert "Nothing here reads as a demand" in page
    assert "<mark" not in page


def test_check_in_spanish_reads_the_draft_as_spanish(alice: Any, lee: Any) -> None:
    data = compose_data([lee], action="check", language="es", body="Usted debe llamarme hoy.")
    page = page_of(client_for(alice).post(COMPOSE, data))
    assert '<mark class="finding finding-demand">Usted debe</mark>' in page


@pytest.mark.parametrize(
    ("overrides", "field", "kept"),
    [
        ({"recipients": []}, "recipients", "body"),
        ({"body": ""}, "body", "subject"),
        ({"body": "   \n  "}, "body", "subject"),
        ({"body": "x" * 8001}, "body", "body"),
        ({"subject": "s" * 201}, "subject", "subject"),
        ({"subject": ""}, "subject", "body"),
        ({"kind": "nope"}, "kind", "body"),
        ({"language": "fr"}, "language", "body"),
        ({"student": "999999"}, "student", "body"),
    ],
    ids=[
        "no-recipients",
        "empty-body",
        "blank-body",
        "long-body",
        "long-subject",
        "no-subject",
        "bad-kind",
        "bad-language",
        "bad-student",
    ],
)
@pytest.mark.parametrize("action", ["log", "eml"])
def test_bad_input_is_refused_and_the_text_kept(
    alice: Any, lee: Any, overrides: dict[str, Any], field: str, kept: str, action: str
) -> None:
    data = compose_data([lee], action=action, **overrides)
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 400
    assert field_error(response, field)
    page = page_of(response)
    if kept == "body":
        assert textarea(page) == data["body"]
    else:
        assert input_value(page, "subject") == data["subject"]
    assert Interaction.objects.count() == 0


def test_a_too_long_body_is_kept_whole_on_the_page(alice: Any, lee: Any) -> None:
    body = "word " * 1700 + "THE END"
    response = client_for(alice).post(COMPOSE, compose_data([lee], body=body))
    assert response.status_code == 400
    assert textarea(page_of(response)) == body.strip()
    assert "8000" in field_error(response, "body")


def test_an_unknown_action_is_404(alice: Any, lee: Any) -> None:
    response = client_for(alice).post(COMPOSE, compose_data([lee], action="delete"))
    assert response.status_code == 404
    assert Interaction.objects.count() == 0


def test_no_action_means_check(alice: Any, lee: Any) -> None:
    data = compose_data([lee])
    del data["action"]
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 200
    assert Interaction.objects.count() == 0


def test_user_text_is_escaped_on_the_compose_page(alice: Any, workspace: Any) -> None:
    nasty = make_member(workspace, PAYLOAD, best_times=PAYLOAD, communication_style=PAYLOAD)
    response = client_for(alice).get(COMPOSE, {"member": nasty.pk})
    assert_escaped(response)
    page = page_of(response)
    assert "<script>x" not in page
    # The draft's greeting carries the name too, escaped inside the textarea.
    assert "Hi " + ESCAPED in page


def test_typed_text_is_escaped_when_the_page_comes_back(alice: Any, lee: Any) -> None:
    data = compose_data([lee], action="check", subject=PAYLOAD, body=PAYLOAD)
    response = client_for(alice).post(COMPOSE, data)
    assert_escaped(response)
    assert textarea(page_of(response)) == PAYLOAD


# --- Unfilled cues --------------------------------------------------------------------


@pytest.mark.parametrize("action", ["log", "send"])
def test_a_draft_with_cues_left_asks_before_it_is_logged(
    alice: Any, workspace: Any, lee: Any, action: str
) -> None:
    # The log keeps every word, so "[what you noticed]" is not recorded without a word.
    body = "Hi Ms. Lee,\n\nI noticed [what you noticed].\n\nAlice"
    client = client_for(alice)
    response = client.post(COMPOSE, compose_data([lee], action=action, body=body))
    assert response.status_code == 400
    page = page_of(response)
    assert "Some [bracketed] parts are still to fill in." in html.unescape(page)
    assert "[what you noticed]" in html.unescape(page)  # kept, and listed
    expected = "log_as_is" if action == "log" else "send_as_is"
    assert f'value="{expected}"' in page
    assert not Interaction.objects.exists()
    if action == "log":
        done = client.post(COMPOSE, compose_data([lee], action="log_as_is", body=body))
        assert done.status_code == 302
        assert Interaction.objects.get().summary.endswith("I noticed [what you noticed].\n\nAlice")


# --- Sending --------------------------------------------------------------------------


@pytest.fixture
def smtp_unset(settings: Any) -> None:
    settings.EMAIL_HOST = ""


def test_without_smtp_there_is_no_send_button(alice: Any, lee: Any, smtp_unset: None) -> None:
    page = page_of(client_for(alice).get(COMPOSE, {"member": lee.pk}))
    assert 'value="send"' not in page
    assert 'value="log"' in page


def test_without_smtp_send_is_refused_and_nothing_logged(
    alice: Any, lee: Any, smtp_unset: None
) -> None:
    response = client_for(alice).post(COMPOSE, compose_data([lee], action="send"))
    assert response.status_code == 400
    assert "Sending needs a mail server" in page_of(response)
    assert textarea(page_of(response)) == compose_data([lee])["body"]
    assert Interaction.objects.count() == 0


def test_with_smtp_the_send_button_shows_for_people_with_an_email(
    alice: Any, lee: Any, workspace: Any, smtp: Sink
) -> None:
    client = client_for(alice)
    assert 'value="send"' in page_of(client.get(COMPOSE, {"member": lee.pk}))
    nomail = make_member(workspace, "Ms. Nomail")
    assert 'value="send"' not in page_of(client.get(COMPOSE, {"member": nomail.pk}))


def test_send_delivers_one_message_and_logs_it(alice: Any, lee: Any, park: Any, smtp: Sink) -> None:
    subject = "Gracias, “Ñandú” & co 🎉"
    body = "Hola, Mr. Park y Ms. Lee:\r\n\r\nGracias por todo.\r\n\r\nAlice"
    response = client_for(alice).post(
        COMPOSE, compose_data([lee, park], action="send", subject=subject, body=body), follow=True
    )
    assert response.status_code == 200
    assert "Sent, and added to the log." in messages_of(response)
    assert len(smtp.received) == 1
    recipients, _raw = smtp.received[0]
    assert sorted(recipients) == ["lee@school.example", "park@school.example"]
    message = smtp.messages[0]
    assert message["Subject"].strip() == subject
    assert {a.addr_spec for a in message["To"].addresses} == {
        "lee@school.example",
        "park@school.example",
    }
    assert message["Reply-To"].addresses[0].addr_spec == "alice@example.com"
    assert message["X-Unsent"] is None
    assert message["From"].addresses[0].addr_spec == "allies@localhost"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert text.replace("\r\n", "\n").strip() == body.replace("\r\n", "\n")
    entry = Interaction.objects.get()
    assert entry.summary == f"{subject}\n\n{body}"
    assert set(entry.participants.all()) == {lee, park}


def test_send_skips_recipients_without_an_email(
    alice: Any, lee: Any, workspace: Any, smtp: Sink
) -> None:
    nomail = make_member(workspace, "Ms. Nomail")
    response = client_for(alice).post(COMPOSE, compose_data([lee, nomail], action="send"))
    assert response.status_code == 302
    assert smtp.received[0][0] == ["lee@school.example"]
    assert set(Interaction.objects.get().participants.all()) == {lee, nomail}


def test_send_to_nobody_with_an_email_is_refused(alice: Any, workspace: Any, smtp: Sink) -> None:
    nomail = make_member(workspace, "Ms. Nomail")
    response = client_for(alice).post(COMPOSE, compose_data([nomail], action="send"))
    assert response.status_code == 400
    assert smtp.received == []
    assert Interaction.objects.count() == 0


def test_a_newline_in_a_sent_subject_adds_no_header(alice: Any, lee: Any, smtp: Sink) -> None:
    data = compose_data([lee], action="send", subject="Hi\r\nBcc: evil@attacker.example")
    assert client_for(alice).post(COMPOSE, data).status_code == 302
    assert smtp.received[0][0] == ["lee@school.example"]
    assert smtp.messages[0]["Bcc"] is None


def test_when_the_mail_server_fails_nothing_is_logged_and_the_draft_stays(
    alice: Any, lee: Any, no_smtp: None
) -> None:
    data = compose_data([lee], action="send", body="Please keep this draft.")
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 502
    page = page_of(response)
    assert "did not accept the message" in page
    assert textarea(page) == "Please keep this draft."
    assert input_value(page, "subject") == data["subject"]
    assert Interaction.objects.count() == 0


def test_after_the_mail_server_failed_the_same_draft_can_be_sent_again(
    alice: Any, lee: Any, no_smtp: None
) -> None:
    """The page that comes back carries the same form token, and it still works (the
    claim committed before sending is given back when nothing was sent)."""
    client = client_for(alice)
    failed = client.post(COMPOSE, compose_data([lee], action="send"))
    assert failed.status_code == 502
    token = re.search(r'name="form_token" value="([^"]*)"', page_of(failed))
    assert token and token.group(1) == "token-1"
    retry = client.post(COMPOSE, compose_data([lee], action="log", form_token=token.group(1)))
    assert retry.status_code == 302
    assert Interaction.objects.count() == 1


def test_after_a_refused_send_the_corrected_draft_can_be_sent(
    alice: Any, lee: Any, workspace: Any, smtp: Sink
) -> None:
    nomail = make_member(workspace, "Ms. Nomail")
    client = client_for(alice)
    refused = client.post(COMPOSE, compose_data([nomail], action="send"))
    assert refused.status_code == 400
    token = re.search(r'name="form_token" value="([^"]*)"', page_of(refused))
    assert token and token.group(1) == "token-1"
    # They tick Ms. Lee, who has an email, and press "Send and log it" again.
    retry = client.post(
        COMPOSE, compose_data([lee, nomail], action="send", form_token=token.group(1))
    )
    assert retry.status_code == 302
    assert retry["Location"].startswith("/log/"), "the draft was turned away"
    assert len(smtp.received) == 1
    assert Interaction.objects.count() == 1


# --- Query counts ---------------------------------------------------------------------


def test_compose_runs_the_same_queries_for_2_or_40_people(
    alice: Any, workspace: Any, maya: Any
) -> None:
    client = client_for(alice)
    people = [make_member(workspace, f"Person {i:02d}", email=f"p{i}@x.example") for i in range(2)]

    def url() -> str:
        ids = "&".join(f"member={m.pk}" for m in TeamMember.objects.filter(workspace=workspace))
        return f"{COMPOSE}?kind=monthly_update&{ids}"

    small = queries_for(client, url())
    people += [make_member(workspace, f"Person {i:02d}") for i in range(2, 40)]
    large = queries_for(client, url())
    assert_same_queries("The compose page", small, large)
