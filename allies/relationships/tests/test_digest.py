"""The weekly digest, sent through a real SMTP server on 127.0.0.1 and read back."""

from __future__ import annotations

import datetime
import logging
import sys
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import management
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from allies import cli
from allies.log.models import Purpose
from allies.relationships.digest import send_digests
from allies.relationships.focus import week_of
from allies.relationships.models import DigestDelivery
from allies.workspaces.services import membership_add
from tests.support import make_entry, make_member, make_user, make_workspace
from tests.support.smtp import REFUSED, Sink, smtp_settings, start_server

TODAY = datetime.date(2026, 3, 4)  # a Wednesday
NASTY = '<script>alert(1)</script> & "Bob"'


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("UTC"))


def weekly(user: Any, **fields: Any) -> Any:
    user.digest = "weekly"
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


@pytest.fixture
def team(workspace: Any, alice: Any) -> dict[str, Any]:
    """Ms. Lee, last heard from 12 days ago (every 7 days planned), with a follow-up
    that was due 2 days ago; Mr. Park, on track."""
    lee = make_member(workspace, name="Ms. Lee", cadence_days=7)
    park = make_member(workspace, name="Mr. Park", cadence_days=30)
    entry = make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=at(TODAY - datetime.timedelta(days=12)),
        follow_up_due=TODAY - datetime.timedelta(days=2),
        summary="Asked about the reading plan.",
    )
    make_entry(workspace, alice, [park], occurred_at=at(TODAY - datetime.timedelta(days=1)))
    return {"lee": lee, "park": park, "entry": entry}


def test_one_message_per_opted_in_user_with_the_week(
    smtp: Sink, alice: Any, erin: Any, vera: Any, team: dict[str, Any]
) -> None:
    weekly(alice)
    weekly(vera)  # erin keeps the default: off

    outcome = send_digests(today=TODAY)

    assert outcome == (2, 0, 0)
    assert sorted(rcpt for rcpts, _raw in smtp.received for rcpt in rcpts) == [
        "alice@example.com",
        "vera@example.com",
    ]
    assert smtp.to("erin@example.com") == []
    (message,) = smtp.to("alice@example.com")
    assert message["Subject"] == "Your week with the team: Follow up with Ms. Lee"
    assert message["From"] == "Allies <allies@localhost>"
    text, html = parts(message)
    due_date = date_format(TODAY - datetime.timedelta(days=2), "DATE_FORMAT")
    for body in (text, html):
        assert "Follow up with Ms. Lee" in body
        assert "The Test family" in body
        assert "Ms. Lee" in body
        assert "12 days since the last contact" in body
        assert "Mr. Park" not in body  # on track: not listed, and not the focus
        assert due_date in body
        assert "past due" in body
        assert "Asked about the reading plan." in body
        assert "https://allies.example.org/accounts/settings/" in body
    entry = team["entry"]
    opens = f"https://allies.example.org/workspaces/{entry.workspace_id}/open/?next="
    assert f'href="{opens}%2Flog%2Fnew%2F%3Ffollows%3D{entry.pk}"' in html
    assert DigestDelivery.objects.filter(week=week_of(TODAY)).count() == 2


def test_twice_in_a_week_sends_once_and_a_new_week_sends_again(
    smtp: Sink, alice: Any, team: dict[str, Any]
) -> None:
    weekly(alice)

    assert send_digests(today=TODAY) == (1, 0, 0)
    assert send_digests(today=TODAY + datetime.timedelta(days=2)) == (0, 1, 0)  # Friday
    assert len(smtp.received) == 1

    assert send_digests(today=TODAY + datetime.timedelta(days=5)) == (1, 0, 0)  # Monday
    assert len(smtp.received) == 2
    assert list(DigestDelivery.objects.order_by("week").values_list("week", flat=True)) == [
        week_of(TODAY),
        week_of(TODAY) + datetime.timedelta(weeks=1),
    ]


def test_user_text_is_escaped_in_html_and_literal_in_text(
    smtp: Sink, alice: Any, workspace: Any
) -> None:
    weekly(alice)
    bob = make_member(workspace, name=NASTY, cadence_days=7)
    make_entry(
        workspace,
        alice,
        [bob],
        occurred_at=at(TODAY - datetime.timedelta(days=9)),
        follow_up_due=TODAY - datetime.timedelta(days=1),
        summary="Tom & Jerry's <b>plan</b>",
    )

    send_digests(today=TODAY)

    (message,) = smtp.messages
    assert message["Subject"] == f"Your week with the team: Follow up with {NASTY}"
    text, html = parts(message)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Bob&quot;" in html
    assert "Tom &amp; Jerry&#x27;s &lt;b&gt;plan&lt;/b&gt;" in html
    assert "<script>" not in html and "<b>plan" not in html
    assert NASTY in text
    assert "Tom & Jerry's <b>plan</b>" in text
    assert "&amp;" not in text and "&lt;" not in text and "&quot;" not in text


def test_a_name_cannot_inject_headers(smtp: Sink, alice: Any, workspace: Any) -> None:
    weekly(alice)
    lee = make_member(workspace, name="Ms. Lee\r\nBcc: mallory@example.com", cadence_days=7)
    make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=at(TODAY - datetime.timedelta(days=9)),
        follow_up_due=TODAY - datetime.timedelta(days=1),
    )

    assert send_digests(today=TODAY) == (1, 0, 0)

    ((rcpts, _raw),) = smtp.received
    assert rcpts == ["alice@example.com"]
    (message,) = smtp.messages
    assert message["Bcc"] is None
    assert message["Subject"] == (
        "Your week with the team: Follow up with Ms. Lee Bcc: mallory@example.com"
    )


def test_spanish_reader_gets_spanish(smtp: Sink, alice: Any, team: dict[str, Any]) -> None:
    weekly(alice, language="es")

    send_digests(today=TODAY)

    (message,) = smtp.messages
    assert message["Subject"].startswith("Su semana con el equipo: ")
    assert "Ms. Lee" in message["Subject"]
    text, html = parts(message)
    with translation.override("es"):
        due_date = date_format(TODAY - datetime.timedelta(days=2), "DATE_FORMAT")
    for body in (text, html):
        assert "Hola, Alice:" in body
        assert "El enfoque de esta semana" in body
        assert "12 días desde el último contacto; planeó contactar cada 7 días." in body
        assert "Seguimientos pendientes" in body
        assert "(vencido)" in body
        assert due_date in body
        assert "Para desactivarlo, cambie «Correo semanal de resumen»" in body
        assert "This week's focus" not in body
    assert 'lang="es"' in html


def test_only_the_workspaces_the_reader_belongs_to(smtp: Sink, alice: Any, oscar: Any) -> None:
    weekly(alice)
    weekly(oscar)
    ours = make_workspace(alice, name="Alice family")
    theirs = oscar.memberships.get().workspace
    make_member(ours, name="Ms. Ours")
    make_member(theirs, name="Mr. Secret")
    make_entry(
        theirs,
        oscar,
        [theirs.team_members.get()],
        occurred_at=at(TODAY - datetime.timedelta(days=40)),
        follow_up_due=TODAY - datetime.timedelta(days=3),
        summary="Private to Another family.",
    )

    assert send_digests(today=TODAY) == (2, 0, 0)

    (to_alice,) = smtp.to("alice@example.com")
    for body in (to_alice["Subject"], *parts(to_alice)):
        assert "Alice family" in body or body == to_alice["Subject"]
        assert "Another family" not in body
        assert "Mr. Secret" not in body
        assert "Private to Another family." not in body
    (to_oscar,) = smtp.to("oscar@example.com")
    text, _html = parts(to_oscar)
    assert "Mr. Secret" in text and "Ms. Ours" not in text


def test_a_member_of_several_workspaces_gets_one_email_about_each(
    smtp: Sink, alice: Any, workspace: Any, oscar: Any
) -> None:
    weekly(alice)
    theirs = oscar.memberships.get().workspace
    membership_add(workspace=theirs, user=alice, role="viewer")

    assert send_digests(today=TODAY) == (1, 0, 0)

    (message,) = smtp.messages
    text, html = parts(message)
    for body in (text, html):
        assert "The Test family" in body and "Another family" in body
        assert "Each workspace's links open it" in body


def test_nobody_without_a_workspace_or_inactive_is_emailed(smtp: Sink, db: Any) -> None:
    weekly(make_user("lonely@example.com"))
    gone = weekly(make_user("gone@example.com"), is_active=False)
    make_workspace(gone)

    assert send_digests(today=TODAY) == (0, 0, 0)
    assert smtp.received == []
    assert not DigestDelivery.objects.exists()


def test_smtp_down_leaves_no_claim_and_the_next_run_retries(
    no_smtp: None, settings: Any, alice: Any, team: dict[str, Any]
) -> None:
    weekly(alice)

    assert send_digests(today=TODAY) == (0, 0, 1)
    assert not DigestDelivery.objects.exists()

    sink = Sink()
    controller = start_server(sink)
    try:
        smtp_settings(settings, controller.port)
        assert send_digests(today=TODAY) == (1, 0, 0)
    finally:
        controller.stop()
    assert len(sink.received) == 1
    assert DigestDelivery.objects.count() == 1


def test_one_refused_address_does_not_stop_the_others_and_is_not_logged(
    smtp: Sink, alice: Any, workspace: Any, caplog: Any
) -> None:
    weekly(alice)
    refused = weekly(make_user(REFUSED, display_name="Pat Quinn"))
    membership_add(workspace=workspace, user=refused, role="viewer")
    make_member(workspace, name="Ms. Lee")

    with caplog.at_level(logging.DEBUG, logger="allies"):
        assert send_digests(today=TODAY) == (1, 0, 1)

    assert [rcpts for rcpts, _raw in smtp.received] == [["alice@example.com"]]
    assert list(DigestDelivery.objects.values_list("user__email", flat=True)) == [
        "alice@example.com"
    ]
    # Allies' own log (the test server's, mail.log, logs everything it is sent).
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("allies"))
    assert f"user {refused.pk}" in logged
    for private in (REFUSED, "Pat Quinn", "Ms. Lee", "The Test family"):
        assert private not in logged


def test_the_week_is_the_readers_own(smtp: Sink, alice: Any, team: dict[str, Any]) -> None:
    weekly(alice, time_zone="Pacific/Kiritimati")  # UTC+14: often a day ahead

    send_digests()

    (delivery,) = DigestDelivery.objects.all()
    assert delivery.week == week_of(timezone.localdate(timezone=ZoneInfo("Pacific/Kiritimati")))


def test_queries_do_not_grow_with_the_log(
    settings: Any, alice: Any, workspace: Any, team: dict[str, Any]
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    weekly(alice)
    with CaptureQueriesContext(connection) as small:
        assert send_digests(today=TODAY) == (1, 0, 0)

    members = [make_member(workspace, name=f"Member {i}", cadence_days=7) for i in range(15)]
    for i in range(60):
        make_entry(
            workspace,
            alice,
            members[i % 15 : i % 15 + 2],
            occurred_at=at(TODAY - datetime.timedelta(days=10 + i)),
            follow_up_due=TODAY + datetime.timedelta(days=i % 5),
            purposes=int(Purpose.CONCERN if i % 2 else Purpose.VICTORY),
        )
    next_week = TODAY + datetime.timedelta(weeks=1)
    with CaptureQueriesContext(connection) as large:
        assert send_digests(today=next_week) == (1, 0, 0)

    assert len(large.captured_queries) == len(small.captured_queries)


def test_command_prints_counts_and_runs_as_allies_send_digests(
    smtp: Sink, alice: Any, team: dict[str, Any], monkeypatch: Any, capsys: Any
) -> None:
    weekly(alice)

    # `allies send-digests` runs the send_digests command. (Checked by what the command
    # line hands Django: running it for real here would close the test's database
    # connection when it finishes, as Django's command runner does.)
    ran: list[list[str]] = []
    monkeypatch.setattr(management, "execute_from_command_line", ran.append)
    monkeypatch.setattr(sys, "argv", ["allies", "send-digests", "-v", "0"])
    cli.main()
    assert ran == [["allies", "send_digests", "-v", "0"]]

    call_command("send_digests")
    assert capsys.readouterr().out == "Sent 1 digests; 0 already sent this week; 0 failed.\n"
    call_command("send_digests")
    out = capsys.readouterr().out
    assert out == "Sent 0 digests; 1 already sent this week; 0 failed.\n"
    assert "alice" not in out
    assert len(smtp.received) == 1


def test_command_fails_when_smtp_is_down(
    no_smtp: None, alice: Any, team: dict[str, Any], monkeypatch: Any, capsys: Any
) -> None:
    weekly(alice)

    with pytest.raises(CommandError):
        call_command("send_digests")
    captured = capsys.readouterr()
    assert "Sent 0 digests; 0 already sent this week; 1 failed." in captured.out
    assert "alice" not in captured.out + captured.err
    assert not DigestDelivery.objects.exists()
