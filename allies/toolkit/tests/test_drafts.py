"""Drafts from templates: every kind in both languages, the monthly update from the log,
and the ways a draft leaves Allies (a mailto: link and an .eml file), read back exactly.

The clock is not frozen: entries "this month" are logged between the month's first
instant and now, and fixed months (October 2026 and before) are always in the past.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import html
import re
from email.header import decode_header, make_header
from typing import Any
from urllib.parse import parse_qs, unquote

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from allies.core.dates import day_start
from allies.log.models import Purpose
from allies.log.services import follow_up_close, interaction_withdraw
from allies.toolkit import drafts
from allies.toolkit.defaults import BLOCKS, KINDS, PLACEHOLDERS, default_template
from allies.toolkit.drafts import (
    BLOCK_LINES,
    draft_values,
    eml_bytes,
    fill,
    mailto,
    month_from,
    monthly_blocks,
    placeholders_in,
    template_for,
    update_month_offer,
)
from allies.toolkit.models import BODY_MAX
from tests.support import client_for, make_entry, make_member, make_student

KIND_KEYS = [k.key for k in KINDS]
LANGS = ("en", "es")
VICTORY = int(Purpose.VICTORY)
CONCERN = int(Purpose.CONCERN)
QUESTION = int(Purpose.QUESTION)
CHECK_IN = int(Purpose.CHECK_IN)
DAY = datetime.timedelta(days=1)
OCTOBER = datetime.date(2026, 10, 1)


def this_month_moment() -> datetime.datetime:
    """A moment in the past that is in the current local month, whatever the time now."""
    start = day_start(timezone.localdate().replace(day=1))
    return max(start, timezone.now() - datetime.timedelta(hours=1))


def local(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def prefix(text: str) -> str:
    """The words of a template before its first placeholder."""
    return text.split("{", 1)[0]


@pytest.fixture
def scene(workspace: Any, alice: Any) -> dict[str, Any]:
    """A student, two team members with emails, a user with a name, and this month's log:
    a victory, a concern with a follow-up planned, and an open question."""
    student = make_student(workspace, "Maya R.", school="Lincoln Elementary")
    lee = make_member(workspace, "Ms. Lee", email="lee@school.example")
    park = make_member(workspace, "Mr. Park", email="park@school.example", language="es")
    when = this_month_moment()
    victory = make_entry(
        workspace, alice, [lee], occurred_at=when, purposes=VICTORY, summary="Read a whole book."
    )
    concern = make_entry(
        workspace,
        alice,
        [park],
        occurred_at=when,
        purposes=CONCERN,
        summary="Hard mornings before the bus.",
        follow_up_due=timezone.localdate() + 10 * DAY,
    )
    question = make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=when,
        purposes=QUESTION,
        summary="Which reading level is she at?",
    )
    return {
        "student": student,
        "lee": lee,
        "park": park,
        "victory": victory,
        "concern": concern,
        "question": question,
    }


def compose_page(user: Any, **params: Any) -> tuple[str, str, str]:
    """(subject, body, page) of the compose page's draft for `params`."""
    response = client_for(user).get("/toolkit/compose/", params)
    assert response.status_code == 200
    page = response.content.decode()
    subject = re.search(r'<input type="text" name="subject" value="([^"]*)"', page)
    body = re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', page, re.S)
    assert subject and body, "the draft's subject or body field is missing"
    return html.unescape(subject.group(1)), html.unescape(body.group(1)), page


def check_draft(kind: str, language: str, subject: str, body: str, scene: dict[str, Any]) -> None:
    template = default_template(kind, language)
    assert subject.strip() and body.strip()
    for text in (subject, body):
        left = placeholders_in(text) & set(PLACEHOLDERS)
        assert not left, f"placeholders left in the draft: {left}"
        assert "Maya R.." not in text, "a name ending in a full stop got a second one"
    assert "Maya R." in subject
    assert "Maya R." in body
    assert "Ms. Lee" in body and "Mr. Park" in body
    assert "Alice" in body  # the sign-off
    # In the language asked for: the template's own opening words, not the other's.
    other = default_template(kind, "en" if language == "es" else "es")
    assert subject.startswith(prefix(template["subject"]))
    assert body.startswith(prefix(template["body"]))
    assert not body.startswith(prefix(other["body"]))
    if prefix(other["subject"]):
        assert not subject.startswith(prefix(other["subject"]))


# --- Every kind in both languages ------------------------------------------------------


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize("kind", KIND_KEYS)
def test_every_kind_drafts_fully_in_both_languages_on_the_compose_page(
    scene: dict[str, Any], alice: Any, kind: str, language: str
) -> None:
    subject, body, _page = compose_page(
        alice,
        kind=kind,
        member=[scene["lee"].pk, scene["park"].pk],
        language=language,
    )
    check_draft(kind, language, subject, body, scene)
    if kind == "monthly_update":
        assert "Read a whole book." in body
        assert "Hard mornings before the bus." in body
        assert "Which reading level is she at?" in body
        month = timezone.localdate().replace(day=1)
        with translation.override(language):
            assert date_format(month, "YEAR_MONTH_FORMAT") in subject


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize("kind", KIND_KEYS)
def test_every_kind_fills_every_placeholder_it_uses_with_a_value(
    scene: dict[str, Any], workspace: Any, alice: Any, kind: str, language: str
) -> None:
    subject, body, customised = template_for(workspace, kind, language)
    assert not customised
    month = timezone.localdate().replace(day=1) if kind == "monthly_update" else None
    values = draft_values(
        workspace=workspace,
        user=alice,
        recipients=[scene["lee"], scene["park"]],
        student=scene["student"],
        language=language,
        month=month,
    )
    assert set(values) == set(PLACEHOLDERS)
    used = placeholders_in(subject + body)
    assert used <= set(values)
    for name in used:
        assert values[name].strip(), f"{{{name}}} is filled with nothing"
    check_draft(kind, language, fill(subject, values), fill(body, values), scene)


def test_a_spanish_draft_has_spanish_values(
    scene: dict[str, Any], workspace: Any, alice: Any
) -> None:
    """The words Allies adds itself ("and", "our child", the month) follow the draft's
    language, not the page's."""
    values = {
        language: draft_values(
            workspace=workspace,
            user=alice,
            recipients=[scene["lee"], scene["park"]],
            student=None,
            language=language,
            month=datetime.date(2026, 11, 1),
        )
        for language in LANGS
    }
    assert values["en"]["recipients"] == "Ms. Lee and Mr. Park"
    assert values["es"]["recipients"] == "Ms. Lee y Mr. Park"
    assert values["en"]["student"] == "our child"
    assert values["es"]["student"] != "our child"
    assert values["en"]["school"] == "school"
    assert values["es"]["school"] == "escuela"
    assert values["en"]["month"] == "November 2026"
    assert values["es"]["month"] == "noviembre de 2026"
    assert values["en"]["my_name"] == values["es"]["my_name"] == "Alice"


def test_the_names_of_several_recipients_are_joined(workspace: Any, alice: Any) -> None:
    people = [make_member(workspace, name) for name in ("A", "B", "C")]

    def names(members: list[Any]) -> str:
        return draft_values(
            workspace=workspace, user=alice, recipients=members, student=None, language="en"
        )["recipients"]

    assert names([]) == "everyone"
    assert names(people[:1]) == "A"
    assert names(people) == "A, B and C"


def test_my_name_falls_back_to_the_start_of_the_email(workspace: Any, erin: Any) -> None:
    values = draft_values(
        workspace=workspace, user=erin, recipients=[], student=None, language="en"
    )
    assert values["my_name"] == "erin"


# --- fill ------------------------------------------------------------------------------


def test_fill_leaves_unknown_and_unfilled_names_as_written() -> None:
    text = "Hi {recipients}, {x} and {Student} and {student!r} and {{student}} {my_name}"
    filled = fill(text, {"recipients": "Ms. Lee", "student": "Sam"})
    assert filled == "Hi Ms. Lee, {x} and {Student} and {student!r} and {Sam} {my_name}"


def test_fill_keeps_one_full_stop_after_a_name_ending_in_one() -> None:
    values = {"student": "Maya R.", "my_name": "Alice"}
    assert fill("It helped {student}.", values) == "It helped Maya R."
    assert fill("It helped {student}. Thanks", values) == "It helped Maya R. Thanks"
    assert fill("Thanks, {my_name}.", values) == "Thanks, Alice."
    assert fill("{student}, {student}!", values) == "Maya R., Maya R.!"
    assert fill("{student}..", values) == "Maya R.."  # only the first full stop is shared


def test_fill_never_interprets_the_values() -> None:
    values = {"student": "{my_name} \\1 $&", "my_name": "Alice"}
    assert fill("{student} / {my_name}", values) == "{my_name} \\1 $& / Alice"


# --- mailto: ---------------------------------------------------------------------------

TRICKY_SUBJECT = "Ñandú: café \"quoted\" 'single' & ? # % + = 🎉 中文"
TRICKY_BODY = (
    'Hola, Ms. Lee y Mr. Park:\n\nLínea dos ‘curly’ "straight"\r\n'
    "a&b=c?d#e%f+g h/i;j,k\n🎉 中文 — fin\r\n"
)


def split_mailto(url: str) -> tuple[list[str], dict[str, list[str]]]:
    assert url.startswith("mailto:")
    to, _sep, query = url[len("mailto:") :].partition("?")
    assert " " not in url and "\n" not in url and "\r" not in url
    return [unquote(a) for a in to.split(",") if a], parse_qs(
        query, keep_blank_values=True, strict_parsing=True
    )


def test_mailto_round_trips_the_subject_and_body_exactly() -> None:
    url = mailto(["lee@school.example", "park@school.example"], TRICKY_SUBJECT, TRICKY_BODY)
    addresses, query = split_mailto(url)
    assert addresses == ["lee@school.example", "park@school.example"]
    assert set(query) == {"subject", "body"}
    assert query["subject"] == [TRICKY_SUBJECT]
    crlf = TRICKY_BODY.replace("\r\n", "\n").replace("\n", "\r\n")
    assert query["body"] == [crlf]
    assert "\r\n\r\n" in query["body"][0] and "\r\r" not in query["body"][0]


def test_mailto_parts_also_decode_one_by_one() -> None:
    url = mailto(["lee@school.example"], TRICKY_SUBJECT, "a\nb")
    query = url.split("?", 1)[1]
    parts = dict(p.split("=", 1) for p in query.split("&"))
    assert unquote(parts["subject"]) == TRICKY_SUBJECT
    assert unquote(parts["body"]) == "a\r\nb"


def test_mailto_without_addresses_or_with_blank_ones() -> None:
    addresses, query = split_mailto(mailto(["", "lee@school.example", ""], "", ""))
    assert addresses == ["lee@school.example"]
    assert query == {"subject": [""], "body": [""]}
    assert mailto([], "Hi", "x").startswith("mailto:?subject=Hi&body=x")


def test_the_compose_page_links_the_draft_as_mailto(scene: dict[str, Any], alice: Any) -> None:
    subject, body, page = compose_page(
        alice, kind="check_in", member=[scene["lee"].pk, scene["park"].pk], language="en"
    )
    link = re.search(r'href="(mailto:[^"]*)" id="mailto-link"', page)
    assert link
    addresses, query = split_mailto(html.unescape(link.group(1)))
    assert addresses == ["lee@school.example", "park@school.example"]
    assert query["subject"] == [subject]
    assert query["body"] == [body.replace("\n", "\r\n")]


# --- .eml ------------------------------------------------------------------------------


def eml_post(user: Any, scene: dict[str, Any], **overrides: Any) -> Any:
    data = {
        "action": "eml",
        "kind": "check_in",
        "recipients": [scene["lee"].pk, scene["park"].pk],
        "student": scene["student"].pk,
        "language": "en",
        "subject": TRICKY_SUBJECT,
        "body": TRICKY_BODY,
        "month": "",
        "form_token": "",
    }
    data.update(overrides)
    return client_for(user).post("/toolkit/compose/", data)


def read_eml(data: bytes) -> Any:
    return email.message_from_bytes(data, policy=email.policy.default)


def exact_subject(data: bytes) -> str:
    """The Subject header decoded per RFC 2047, folding whitespace dropped."""
    raw = email.message_from_bytes(data, policy=email.policy.compat32)["Subject"]
    return str(make_header(decode_header(raw)))


def test_the_eml_download_is_the_draft_exactly(scene: dict[str, Any], alice: Any) -> None:
    response = eml_post(alice, scene)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("message/rfc822")
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="allies-draft.eml"'
    for private in ("Maya", "Lee", "Park", "alice", "Sam"):
        assert private.lower() not in disposition.lower()
    message = read_eml(response.content)
    assert exact_subject(response.content) == TRICKY_SUBJECT
    assert message["Subject"].strip() == TRICKY_SUBJECT
    assert {a.addr_spec for a in message["To"].addresses} == {
        "lee@school.example",
        "park@school.example",
    }
    assert message["X-Unsent"] == "1"
    assert message["From"].addresses[0].addr_spec == "alice@example.com"
    assert message["Reply-To"].addresses[0].addr_spec == "alice@example.com"
    text = message.get_body(preferencelist=("plain",)).get_content()
    # The form trims the white space around the message, as every text field does.
    normalized = TRICKY_BODY.replace("\r\n", "\n").strip()
    assert text.replace("\r\n", "\n") == normalized


def test_an_eml_leaves_out_recipients_without_an_email(
    scene: dict[str, Any], workspace: Any, alice: Any
) -> None:
    nomail = make_member(workspace, "Ms. Nomail")
    response = eml_post(alice, scene, recipients=[nomail.pk, scene["lee"].pk])
    assert response.status_code == 200
    message = read_eml(response.content)
    assert [a.addr_spec for a in message["To"].addresses] == ["lee@school.example"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_newline_in_the_subject_cannot_add_a_header(
    scene: dict[str, Any], alice: Any, newline: str
) -> None:
    response = eml_post(alice, scene, subject=f"Hello{newline}Bcc: evil@attacker.example")
    assert response.status_code == 200
    message = read_eml(response.content)
    assert message["Bcc"] is None
    assert "evil@attacker.example" not in str(message["To"])
    assert exact_subject(response.content) == "Hello Bcc: evil@attacker.example"
    headers = response.content.split(b"\n\n", 1)[0]
    assert not re.search(rb"^Bcc:", headers, re.M | re.I)


def test_eml_bytes_directly(alice: Any) -> None:
    data = eml_bytes(user=alice, addresses=["a@x.example", ""], subject="Hi", body="One\nTwo")
    message = read_eml(data)
    assert message["Subject"] == "Hi"
    assert message["To"] == "a@x.example"
    assert message["X-Unsent"] == "1"
    assert message.get_body(preferencelist=("plain",)).get_content() == "One\nTwo"


# --- The monthly update's blocks -------------------------------------------------------


def blocks_for(workspace: Any, month: datetime.date, language: str = "en") -> dict[str, str]:
    with translation.override(language):
        return monthly_blocks(workspace, month)


@pytest.fixture
def october(workspace: Any, alice: Any, member: Any) -> dict[str, Any]:
    """October 2026's log, and the entries on either side of it (local time)."""

    def log(when: datetime.datetime, purposes: int, summary: str, **extra: Any) -> Any:
        return make_entry(
            workspace,
            alice,
            [member],
            occurred_at=when,
            purposes=purposes,
            summary=summary,
            **extra,
        )

    return {
        "before": log(local(datetime.date(2026, 9, 30), 23, 59), VICTORY, "September victory."),
        "first": log(local(datetime.date(2026, 10, 1), 0, 0), VICTORY, "First-minute victory."),
        "victory": log(
            local(datetime.date(2026, 10, 14)), VICTORY | CHECK_IN, "Won the spelling bee."
        ),
        "withdrawn": log(local(datetime.date(2026, 10, 15)), VICTORY, "Logged by mistake."),
        "concern": log(
            local(datetime.date(2026, 10, 16)),
            CONCERN,
            "Crying at drop-off.",
            follow_up_due=datetime.date(2026, 10, 30),
        ),
        "closed": log(
            local(datetime.date(2026, 10, 17)),
            CONCERN,
            "Lost the planner again.",
            follow_up_due=datetime.date(2026, 10, 20),
        ),
        "plain": log(local(datetime.date(2026, 10, 17), 13), CONCERN, "Tired after swimming."),
        "question": log(local(datetime.date(2026, 10, 18)), QUESTION, "Is there a reading log?"),
        "answered": log(
            local(datetime.date(2026, 10, 19)),
            QUESTION,
            "Who runs recess?",
            follow_up_due=datetime.date(2026, 10, 22),
        ),
        "last": log(local(datetime.date(2026, 10, 31), 23, 59), VICTORY, "Last-minute victory."),
        "after": log(local(datetime.date(2026, 11, 1), 0, 0), VICTORY, "November victory."),
        "check_in": log(local(datetime.date(2026, 10, 20)), CHECK_IN, "Just said hello."),
    }


@pytest.fixture
def october_done(october: dict[str, Any], alice: Any) -> dict[str, Any]:
    interaction_withdraw(interaction=october["withdrawn"], author=alice, reason="Mistake.")
    for key in ("closed", "answered"):
        follow_up_close(interaction=october[key], author=alice, done_on=datetime.date(2026, 10, 21))
    return october


def test_the_blocks_hold_that_month_only(workspace: Any, october_done: dict[str, Any]) -> None:
    blocks = blocks_for(workspace, OCTOBER)
    victories = blocks["victories"]
    assert victories.splitlines() == [
        "- 1 Oct 2026: First-minute victory.",
        "- 14 Oct 2026: Won the spelling bee.",
        "- 31 Oct 2026: Last-minute victory.",
    ]
    for outside in ("September victory.", "November victory.", "Logged by mistake."):
        assert outside not in "\n".join(blocks.values())
    assert blocks["concerns"].splitlines() == [
        "- 16 Oct 2026: Crying at drop-off. (follow-up planned for 30 Oct 2026)",
        "- 17 Oct 2026: Lost the planner again. (followed up 21 Oct 2026)",
        "- 17 Oct 2026: Tired after swimming.",
    ]
    # Answered questions are not open any more.
    assert blocks["open_questions"] == "- 18 Oct 2026: Is there a reading log?"
    assert "Just said hello." not in "\n".join(blocks.values())


def test_any_day_of_the_month_stands_for_the_month(
    workspace: Any, october_done: dict[str, Any]
) -> None:
    assert blocks_for(workspace, datetime.date(2026, 10, 23)) == blocks_for(workspace, OCTOBER)


def test_the_blocks_of_an_empty_month_say_so(workspace: Any, october: dict[str, Any]) -> None:
    blocks = blocks_for(workspace, datetime.date(2026, 8, 1))
    assert blocks["victories"] == "- no victories logged this month yet"
    assert blocks["concerns"] == "- no concerns logged this month"
    assert blocks["open_questions"] == "- no open questions"
    assert blocks["coming_dates"] == "- nothing in the next 60 days"
    spanish = blocks_for(workspace, datetime.date(2026, 8, 1), "es")
    assert set(spanish) == BLOCKS
    for name in BLOCKS:
        assert spanish[name].startswith("- ")
        assert spanish[name] != blocks[name], f"the empty {name} block is not in Spanish"


def test_coming_dates_are_iep_dates_and_open_follow_ups_in_the_next_60_days(
    workspace: Any, alice: Any, member: Any
) -> None:
    today = timezone.localdate()
    make_student(
        workspace, "Maya R.", annual_review_due=today + 20 * DAY, reevaluation_due=today + 61 * DAY
    )
    make_student(workspace, "Leo", annual_review_due=today - DAY, reevaluation_due=today)
    when = timezone.now() - datetime.timedelta(hours=1)

    def follow_up(summary: str, due: datetime.date) -> Any:
        return make_entry(
            workspace, alice, [member], occurred_at=when, summary=summary, follow_up_due=due
        )

    follow_up("Ask about the new aide.", today + 5 * DAY)
    follow_up("Send the sensory plan.", today + 60 * DAY)
    follow_up("Too far away.", today + 61 * DAY)
    follow_up("Already late.", today - DAY)
    done = follow_up("Already done.", today + 3 * DAY)
    follow_up_close(interaction=done, author=alice, done_on=today)
    gone = follow_up("Withdrawn one.", today + 4 * DAY)
    interaction_withdraw(interaction=gone, author=alice, reason="Mistake.")

    coming = blocks_for(workspace, datetime.date(2026, 1, 1))["coming_dates"]

    def day(offset: int) -> str:
        return date_format(today + offset * DAY, "SHORT_DATE_FORMAT")

    assert coming.splitlines() == [
        f"- {day(0)}: Leo: re-evaluation",
        f"- {day(5)}: follow-up: Ask about the new aide.",
        f"- {day(20)}: Maya R.: annual review",
        f"- {day(60)}: follow-up: Send the sensory plan.",
    ]


def test_long_summaries_are_shortened_to_one_line(workspace: Any, alice: Any, member: Any) -> None:
    make_entry(
        workspace,
        alice,
        [member],
        occurred_at=local(datetime.date(2026, 10, 5)),
        purposes=VICTORY,
        summary="Line one\n\nline two " + "word " * 100,
    )
    line = blocks_for(workspace, OCTOBER)["victories"]
    assert "\n" not in line
    assert line.startswith("- 5 Oct 2026: Line one line two word")
    assert len(line) <= len("- 5 Oct 2026: ") + drafts.ENTRY_CHARS


def test_a_busy_month_lists_twelve_and_says_how_many_more(
    workspace: Any, alice: Any, member: Any
) -> None:
    for i in range(15):
        make_entry(
            workspace,
            alice,
            [member],
            occurred_at=local(datetime.date(2026, 10, 1 + i)),
            purposes=VICTORY,
            summary=f"Victory {i + 1}.",
        )
    lines = blocks_for(workspace, OCTOBER)["victories"].splitlines()
    assert len(lines) == BLOCK_LINES + 1
    assert lines[0] == "- 1 Oct 2026: Victory 1."
    assert lines[-1] == "- and 3 more in the log"


def test_a_very_busy_month_counts_every_entry_it_leaves_out(
    workspace: Any, alice: Any, member: Any
) -> None:
    for i in range(50):
        make_entry(
            workspace,
            alice,
            [member],
            occurred_at=local(datetime.date(2026, 10, 1 + i % 31), 8 + i // 31),
            purposes=VICTORY,
            summary=f"Victory {i + 1}.",
        )
    lines = blocks_for(workspace, OCTOBER)["victories"].splitlines()
    assert len(lines) == BLOCK_LINES + 1
    assert lines[-1] == f"- and {50 - BLOCK_LINES} more in the log"


def test_a_busy_month_still_fits_in_a_message(workspace: Any, alice: Any, member: Any) -> None:
    today = timezone.localdate()
    make_student(workspace, "Maya R.", annual_review_due=today + 5 * DAY)
    long = "A long and detailed note about the day, " * 6
    for i, purposes in enumerate([VICTORY] * 14 + [CONCERN] * 14 + [QUESTION] * 14):
        make_entry(
            workspace,
            alice,
            [member],
            occurred_at=local(datetime.date(2026, 10, 1 + i % 28)),
            purposes=purposes,
            summary=f"{i}: {long}",
            follow_up_due=today + (1 + i % 50) * DAY if purposes != QUESTION else None,
        )
    values = draft_values(
        workspace=workspace,
        user=alice,
        recipients=[member],
        student=None,
        language="en",
        month=OCTOBER,
    )
    body = fill(default_template("monthly_update", "en")["body"], values)
    assert len(body) <= BODY_MAX


def test_the_month_is_written_in_the_draft_s_language(workspace: Any, alice: Any) -> None:
    november = datetime.date(2026, 11, 1)
    for language, expected in (("en", "November 2026"), ("es", "noviembre de 2026")):
        values = draft_values(
            workspace=workspace,
            user=alice,
            recipients=[],
            student=None,
            language=language,
            month=november,
        )
        assert values["month"] == expected
        subject = fill(default_template("monthly_update", language)["subject"], values)
        assert expected in subject


def test_the_monthly_draft_comes_from_the_log_on_the_compose_page(
    workspace: Any, alice: Any, october_done: dict[str, Any]
) -> None:
    subject, body, _page = compose_page(alice, kind="monthly_update", month="2026-10")
    assert subject == "our child: our update for October 2026"
    assert "- 14 Oct 2026: Won the spelling bee." in body
    assert "September victory." not in body
    assert "Logged by mistake." not in body
    _s, body_es, _p = compose_page(alice, kind="monthly_update", month="2026-10", language="es")
    assert "octubre de 2026" in body_es
    assert "- 14 oct 2026: won the spelling bee." in body_es.lower()
    assert "Lo que salió bien" in body_es


# --- Months ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11", datetime.date(2026, 11, 1)),
        (" 2026-01 ", datetime.date(2026, 1, 1)),
        ("2000-12", datetime.date(2000, 12, 1)),
        ("2027-12", datetime.date(2026, 11, 1)),  # a month to come has no log yet: this one
        ("2026-12", datetime.date(2026, 11, 1)),
    ],
)
def test_month_from_reads_a_year_and_month(text: str, expected: datetime.date) -> None:
    assert month_from(text, datetime.date(2026, 11, 29)) == expected


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "junk",
        "2026-13",
        "2026-00",
        "2026-1",
        "26-11",
        "1999-12",
        "2028-01",
        "2026-11-05",
        "2026/11",
        "2026-11\n2026-10",
        "9" * 50,
        "'; DROP TABLE",
    ],
)
def test_month_from_gives_this_month_for_anything_else(text: str | None) -> None:
    assert month_from(text, datetime.date(2026, 11, 29)) == datetime.date(2026, 11, 1)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 11, 30), datetime.date(2026, 11, 1)),
        (datetime.date(2026, 11, 24), datetime.date(2026, 11, 1)),  # 7 days left
        (datetime.date(2026, 11, 23), None),
        (datetime.date(2026, 11, 15), None),
        (datetime.date(2026, 11, 8), None),
        (datetime.date(2026, 11, 7), datetime.date(2026, 10, 1)),
        (datetime.date(2026, 11, 1), datetime.date(2026, 10, 1)),
        (datetime.date(2026, 12, 31), datetime.date(2026, 12, 1)),
        (datetime.date(2026, 12, 25), datetime.date(2026, 12, 1)),
        (datetime.date(2027, 1, 1), datetime.date(2026, 12, 1)),
        (datetime.date(2027, 1, 7), datetime.date(2026, 12, 1)),
        (datetime.date(2027, 2, 22), datetime.date(2027, 2, 1)),
        (datetime.date(2027, 2, 21), None),
        (datetime.date(2028, 2, 23), datetime.date(2028, 2, 1)),  # a leap year
        (datetime.date(2028, 2, 22), None),
        (datetime.date(2028, 3, 1), datetime.date(2028, 2, 1)),
    ],
)
def test_update_month_offer(today: datetime.date, expected: datetime.date | None) -> None:
    assert update_month_offer(today) == expected


def test_update_month_offer_every_day_of_a_year() -> None:
    day = datetime.date(2026, 1, 1)
    while day.year == 2026:
        offer = update_month_offer(day)
        following = (day.replace(day=28) + 4 * DAY).replace(day=1)
        if (following - day).days <= 7:
            assert offer == day.replace(day=1)
        elif day.day <= 7:
            assert offer == (day.replace(day=1) - DAY).replace(day=1)
        else:
            assert offer is None
        day += DAY


def test_smtp_is_configured_only_with_a_host(settings: Any) -> None:
    settings.EMAIL_HOST = ""
    assert not drafts.smtp_configured()
    settings.EMAIL_HOST = "127.0.0.1"
    assert drafts.smtp_configured()


def test_purposes_for_a_kind() -> None:
    assert drafts.purposes_for(["appreciation"]) == int(Purpose.APPRECIATION)
    assert drafts.purposes_for(["concern", "request"]) == int(Purpose.CONCERN | Purpose.REQUEST)
    assert drafts.purposes_for(["check_in", "nonsense"]) == CHECK_IN
    for kind in KINDS:
        assert drafts.purposes_for(kind.purposes) != 0, kind.key
