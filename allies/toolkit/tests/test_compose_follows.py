"""Compose follows the recipients (issue 9): the greeting line, the subject and the
language of a draft follow the people ticked, in the order they were ticked, while those
parts still read as Allies wrote them; nothing typed is ever lost.

First `drafts.follow` and its pieces on their own, then through the compose view:
"check" and "refill" without a script, "follow" (JSON) for the page's script.
"""

from __future__ import annotations

import email
import email.policy
import html
import json
import re
from typing import Any

import pytest

from allies.log.models import Interaction
from allies.team.models import TeamMember
from allies.toolkit import drafts
from allies.toolkit.drafts import Sheet, Written, follow, greeting_line, replace_line, same_text
from allies.toolkit.models import MessageTemplate
from allies.toolkit.views import compose as compose_views
from tests.support import client_for, make_member, make_student

COMPOSE = "/toolkit/compose/"

# --- The pieces ------------------------------------------------------------------------


def test_the_greeting_line_is_the_template_s_first_line_with_the_recipients() -> None:
    values = {"recipients": "Ms. Lee and Mr. Park", "student": "Maya R."}
    assert greeting_line("Hi {recipients},\n\nAbout {student}.", values) == (
        "Hi Ms. Lee and Mr. Park,"
    )
    assert greeting_line("Subject line\r\nDear {recipients}, re {student}\n", values) == (
        "Dear Ms. Lee and Mr. Park, re Maya R."
    )
    assert greeting_line("No greeting here.\n{my_name}", values) == ""
    # A line that would hold several lines once filled is never followed.
    assert greeting_line("{recipients} {victories}", {"recipients": "A", "victories": "1\n2"}) == ""


def test_replace_line_replaces_only_a_line_that_still_reads_as_written() -> None:
    assert replace_line("Hi everyone,\n\nBody", "Hi everyone,", "Hi Ms. Lee,") == (
        "Hi Ms. Lee,\n\nBody"
    )
    # Windows line endings (as browsers post a textarea) and trailing spaces.
    assert replace_line("Hi everyone,  \r\n\r\nBody", "Hi everyone,", "Hi A,") == "Hi A,\n\nBody"
    # Only the first such line.
    assert replace_line("Hi all,\nHi all,", "Hi all,", "Hi A,") == "Hi A,\nHi all,"
    assert replace_line("Hello everyone!\n\nBody", "Hi everyone,", "Hi A,") is None
    assert replace_line("Hi everyone, and welcome\n", "Hi everyone,", "Hi A,") is None
    assert replace_line("\nBody", "", "Hi A,") is None


def test_same_text_ignores_line_endings_and_surrounding_space_only() -> None:
    assert same_text("Hi,\r\nThanks.\r\n", "Hi,\nThanks.")
    assert not same_text("Hi,\nThanks!", "Hi,\nThanks.")
    # Nothing was written: nothing reads as written.
    assert not same_text("", "")
    assert not same_text("  ", " ")


LEE = TeamMember(pk=1, name="Ms. Lee", language="en")
PARK = TeamMember(pk=2, name="Mr. Park", language="es")
ODA = TeamMember(pk=3, name="Mx. Oda", language="en")
GREETING = {"en": "Hi {names},", "es": "Hola, {names}:"}
AND = {"en": " and ", "es": " y "}
EVERYONE = {"en": "everyone", "es": "todos"}


def writer(recipients: list[TeamMember]) -> Any:
    """A stand-in for write_draft: a short draft for the people in a language."""

    def write(language: str) -> Written:
        names = AND[language].join(m.name for m in recipients) or EVERYONE[language]
        greeting = GREETING[language].format(names=names)
        return Written(
            subject=f"{language}: for {names}",
            body=f"{greeting}\n\nThe {language} body.\n\nAlice",
            greeting=greeting,
            language=language,
            first=str(recipients[0].pk) if recipients else "",
        )

    return write


def sheet_as_written(recipients: list[TeamMember], language: str = "en", **typed: str) -> Sheet:
    """The page as Allies wrote it for `recipients`, with whatever the user then typed."""
    written = writer(recipients)(language)
    return Sheet(
        subject=typed.get("subject", written.subject),
        body=typed.get("body", written.body),
        language=typed.get("language", language),
        written=written,
    )


def test_an_untouched_draft_follows_the_people_in_the_order_they_were_ticked() -> None:
    followed = follow(sheet=sheet_as_written([]), recipients=[ODA, LEE], write=writer([ODA, LEE]))
    assert followed.body == "Hi Mx. Oda and Ms. Lee,\n\nThe en body.\n\nAlice"
    assert followed.subject == "en: for Mx. Oda and Ms. Lee"
    assert followed.written.greeting == "Hi Mx. Oda and Ms. Lee,"
    assert followed.written.body == followed.body
    assert followed.written.first == str(ODA.pk)
    assert not followed.kept and not followed.offer


def test_a_typed_subject_is_kept_while_the_untouched_body_follows() -> None:
    sheet = sheet_as_written([LEE], subject="My own subject")
    followed = follow(sheet=sheet, recipients=[LEE, ODA], write=writer([LEE, ODA]))
    assert followed.subject == "My own subject"
    assert followed.body.startswith("Hi Ms. Lee and Mx. Oda,\n")


def test_a_typed_body_keeps_every_word_and_only_its_greeting_follows() -> None:
    typed = "Hi Ms. Lee,\n\nMy own words, all of them.\n\nAlice"
    sheet = sheet_as_written([LEE], body=typed)
    followed = follow(sheet=sheet, recipients=[LEE, ODA], write=writer([LEE, ODA]))
    assert followed.body == "Hi Ms. Lee and Mx. Oda,\n\nMy own words, all of them.\n\nAlice"
    assert followed.kept
    # What Allies wrote now greets both, so the next change is followed too.
    assert followed.written.greeting == "Hi Ms. Lee and Mx. Oda,"
    assert followed.written.body.startswith("Hi Ms. Lee and Mx. Oda,\n\nThe en body.")
    again = follow(
        sheet=Sheet(followed.subject, followed.body, "en", followed.written),
        recipients=[ODA],
        write=writer([ODA]),
    )
    assert again.body == "Hi Mx. Oda,\n\nMy own words, all of them.\n\nAlice"


def test_an_edited_greeting_is_never_touched_again() -> None:
    typed = "Dear Ms. Lee, dear friend,\n\nThe en body.\n\nAlice"
    sheet = sheet_as_written([LEE], body=typed, subject="Mine")
    followed = follow(sheet=sheet, recipients=[LEE, ODA], write=writer([LEE, ODA]))
    assert followed.body == typed
    assert followed.subject == "Mine"
    assert followed.written.greeting == "Hi Ms. Lee,"  # as it was: no line reads so now


def test_a_new_first_recipient_brings_their_language_to_an_untouched_draft() -> None:
    followed = follow(
        sheet=sheet_as_written([LEE]), recipients=[PARK, LEE], write=writer([PARK, LEE])
    )
    assert followed.language == "es"
    assert followed.body == "Hola, Mr. Park y Ms. Lee:\n\nThe es body.\n\nAlice"
    assert followed.subject == "es: for Mr. Park y Ms. Lee"
    assert followed.written.language == "es" and followed.written.first == str(PARK.pk)


def test_a_new_first_recipient_s_language_is_only_offered_for_a_typed_body() -> None:
    typed = "Hi Ms. Lee,\n\nMy own words.\n\nAlice"
    sheet = sheet_as_written([LEE], body=typed)
    followed = follow(sheet=sheet, recipients=[PARK, LEE], write=writer([PARK, LEE]))
    # The body stays in its language, greeting included; Spanish is offered.
    assert followed.body == "Hi Mr. Park and Ms. Lee,\n\nMy own words.\n\nAlice"
    assert followed.language == "en"
    assert followed.offer == "es"
    assert followed.kept


def test_a_language_chosen_in_the_form_wins_over_the_first_recipient_s() -> None:
    # The user picked English for Mr. Park, then adds Ms. Lee: the draft stays English.
    sheet = sheet_as_written([PARK], language="en")
    sheet = Sheet(sheet.subject, sheet.body, "en", sheet.written)
    assert sheet.written.first == str(PARK.pk)
    followed = follow(sheet=sheet, recipients=[PARK, LEE], write=writer([PARK, LEE]))
    assert followed.language == "en"
    assert followed.body.startswith("Hi Mr. Park and Ms. Lee,")
    # And a language chosen in the form before anything else changed is written in.
    sheet = sheet_as_written([LEE], language="en")
    chosen = Sheet(sheet.subject, sheet.body, "es", sheet.written)
    followed = follow(sheet=chosen, recipients=[LEE], write=writer([LEE]))
    assert followed.language == "es"
    assert followed.body.startswith("Hola, Ms. Lee:")


def test_replace_starts_again_and_can_switch_language() -> None:
    sheet = sheet_as_written([LEE], body="Typed.", subject="Typed subject")
    followed = follow(
        sheet=sheet, recipients=[PARK, LEE], write=writer([PARK, LEE]), replace=True, switch_to="es"
    )
    assert followed.body == "Hola, Mr. Park y Ms. Lee:\n\nThe es body.\n\nAlice"
    assert followed.subject == "es: for Mr. Park y Ms. Lee"
    assert not followed.kept
    # A language that is not shipped is not switched to.
    odd = follow(sheet=sheet, recipients=[LEE], write=writer([LEE]), replace=True, switch_to="fr")
    assert odd.language == "en"


def kind_writer(recipients: list[TeamMember], kind: str) -> Any:
    """A stand-in for write_draft that knows kinds: as the form's `kind`, or as asked."""

    def write(language: str, as_kind: str = "") -> Written:
        plain = writer(recipients)(language)
        written_as = as_kind or kind
        return Written(
            subject=f"{written_as}: {plain.subject}",
            body=f"{plain.greeting}\n\nThe {written_as} body.\n\nAlice",
            greeting=plain.greeting,
            language=language,
            first=plain.first,
            kind=written_as,
        )

    return write


def sheet_of_kind(
    recipients: list[TeamMember], kind: str, language: str = "en", **typed: str
) -> Sheet:
    written = kind_writer(recipients, kind)(language)
    return Sheet(
        subject=typed.get("subject", written.subject),
        body=typed.get("body", written.body),
        language=language,
        written=written,
    )


def test_another_kind_rewrites_an_untouched_draft_whole() -> None:
    sheet = sheet_of_kind([LEE], "appreciation")
    followed = follow(
        sheet=sheet, recipients=[LEE], write=kind_writer([LEE], "check_in"), kind="check_in"
    )
    assert followed.subject == "check_in: en: for Ms. Lee"
    assert followed.body == "Hi Ms. Lee,\n\nThe check_in body.\n\nAlice"
    assert followed.written.kind == "check_in"
    assert not followed.kept and not followed.offer_kind


def test_another_kind_keeps_a_typed_body_with_its_own_subject_and_offers_the_new_one() -> None:
    typed = "Hi Ms. Lee,\n\nThank you, in my own words.\n\nAlice"
    sheet = sheet_of_kind([LEE], "appreciation", body=typed)
    followed = follow(
        sheet=sheet,
        recipients=[LEE, ODA],
        write=kind_writer([LEE, ODA], "check_in"),
        kind="check_in",
    )
    # Every typed word stays; the greeting and the subject, as written, still follow the
    # people, but as the kind the body was written as: subject and body agree.
    assert followed.body == "Hi Ms. Lee and Mx. Oda,\n\nThank you, in my own words.\n\nAlice"
    assert followed.subject == "appreciation: en: for Ms. Lee and Mx. Oda"
    assert followed.kept and followed.offer_kind == "check_in" and not followed.offer
    assert followed.written.kind == "appreciation"
    assert followed.written.subject == followed.subject
    # Asked again (another box ticked), it still says so; back to its own kind, it does not.
    again = Sheet(followed.subject, followed.body, "en", followed.written)
    still = follow(
        sheet=again, recipients=[ODA], write=kind_writer([ODA], "check_in"), kind="check_in"
    )
    assert still.offer_kind == "check_in"
    assert still.subject == "appreciation: en: for Mx. Oda"
    back = follow(
        sheet=again, recipients=[ODA], write=kind_writer([ODA], "appreciation"), kind="appreciation"
    )
    assert back.kept and not back.offer_kind
    assert back.subject == "appreciation: en: for Mx. Oda"


def test_another_kind_keeps_a_typed_subject_as_typed() -> None:
    sheet = sheet_of_kind([LEE], "appreciation", body="Mine.", subject="My subject")
    followed = follow(
        sheet=sheet, recipients=[LEE], write=kind_writer([LEE], "check_in"), kind="check_in"
    )
    assert (followed.subject, followed.body) == ("My subject", "Mine.")
    assert followed.offer_kind == "check_in"


def test_replace_takes_the_new_kind_s_template() -> None:
    sheet = sheet_of_kind([LEE], "appreciation", body="Mine.")
    followed = follow(
        sheet=sheet,
        recipients=[LEE],
        write=kind_writer([LEE], "check_in"),
        kind="check_in",
        replace=True,
    )
    assert followed.subject == "check_in: en: for Ms. Lee"
    assert followed.body == "Hi Ms. Lee,\n\nThe check_in body.\n\nAlice"
    assert followed.written.kind == "check_in" and not followed.kept


def test_a_page_that_does_not_say_its_kind_is_followed_as_before() -> None:
    sheet = sheet_as_written([LEE], body="Mine.")
    followed = follow(
        sheet=sheet, recipients=[LEE], write=kind_writer([LEE], "check_in"), kind="check_in"
    )
    assert followed.kept and not followed.offer_kind


# --- Through the compose page -----------------------------------------------------------


@pytest.fixture
def lee(workspace: Any) -> Any:
    return make_member(workspace, "Ms. Lee", email="lee@school.example")


@pytest.fixture
def oda(workspace: Any) -> Any:
    return make_member(workspace, "Mx. Oda", email="oda@school.example")


@pytest.fixture
def park(workspace: Any) -> Any:
    return make_member(workspace, "Mr. Park", email="park@school.example", language="es")


@pytest.fixture
def maya(workspace: Any) -> Any:
    return make_student(workspace, "Maya R.")


def textarea(page: str) -> str:
    found = re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', page, re.S)
    assert found
    text = found.group(1)
    return html.unescape(text[1:] if text.startswith("\n") else text)


def field(page: str, name: str) -> str:
    found = re.search(rf'<input type="(?:text|hidden)" name="{name}"(?: value="([^"]*)")?', page)
    assert found, f"no {name} field"
    return html.unescape(found.group(1) or "")


def notice_of(page: str) -> str:
    """The draft notice's markup, from its opening tag to the end of its block."""
    start = page.index("data-draft-notice")
    return page[start : page.index("</div>", start)]


def opened(client: Any, **query: Any) -> dict[str, Any]:
    """The form data of the compose page as it opens for `query`, as a browser posts it."""
    response = client.get(COMPOSE, query)
    assert response.status_code == 200
    form = response.context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data["recipients"] = list(form.initial["recipients"])
    data["student"] = data["student"] or ""
    # A browser posts a textarea with CRLF line endings.
    data["body"] = data["body"].replace("\n", "\r\n")
    return data


def post(client: Any, data: dict[str, Any], action: str, **changes: Any) -> Any:
    return client.post(COMPOSE, {**data, **changes, "action": action})


def test_the_page_carries_the_draft_as_written_and_the_order(
    alice: Any, lee: Any, oda: Any
) -> None:
    page = client_for(alice).get(COMPOSE, {"kind": "check_in", "member": [oda.pk, lee.pk]})
    text = page.content.decode()
    assert field(text, "order") == f"{oda.pk},{lee.pk}"
    assert field(text, "written_greeting") == "Hi Mx. Oda and Ms. Lee,"
    assert field(text, "written_body") == textarea(text)
    assert field(text, "written_language") == "en"
    assert field(text, "written_first") == str(oda.pk)
    # Newlines survive in a hidden field's value.
    assert "\n" in field(text, "written_body")


def test_check_greets_the_people_ticked_in_the_order_they_were_ticked(
    alice: Any, lee: Any, oda: Any, maya: Any
) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in")
    assert data["body"].startswith("Hi everyone,")
    # Mx. Oda ticked first, then Ms. Lee: the boxes post in the page's (name) order.
    response = post(client, data, "check", recipients=[lee.pk, oda.pk], order=f"{oda.pk},{lee.pk}")
    page = response.content.decode()
    body = textarea(page)
    assert body.startswith("Hi Mx. Oda and Ms. Lee,\n")
    assert field(page, "written_greeting") == "Hi Mx. Oda and Ms. Lee,"
    assert field(page, "order") == f"{oda.pk},{lee.pk}"
    # The mail link and the panel of people are in that order too.
    link = html.unescape(re.search(r'href="(mailto:[^"]*)"', page).group(1))  # type: ignore[union-attr]
    assert link.startswith("mailto:oda@school.example,lee@school.example?")
    panel = page[page.index("compose-side") :]
    assert panel.index("Mx. Oda") < panel.index("Ms. Lee")


def test_without_an_order_the_people_come_in_the_form_s_order(
    alice: Any, lee: Any, oda: Any
) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in")
    page = post(client, data, "check", recipients=[lee.pk, oda.pk], order="").content.decode()
    assert textarea(page).startswith("Hi Ms. Lee and Mx. Oda,")
    assert field(page, "order") == f"{lee.pk},{oda.pk}"


def test_the_order_skips_junk_foreign_and_unticked_ids(
    alice: Any, lee: Any, oda: Any, park: Any, oscar: Any
) -> None:
    other = make_member(oscar.memberships.get().workspace, "Mr. Other")
    client = client_for(alice)
    data = opened(client, kind="check_in")
    order = f"x,{other.pk},{oda.pk},,{park.pk},-1,{oda.pk},{lee.pk},99999999999"
    response = post(client, data, "check", recipients=[lee.pk, oda.pk], order=order)
    assert response.status_code == 200
    assert textarea(response.content.decode()).startswith("Hi Mx. Oda and Ms. Lee,")


def test_a_typed_message_keeps_every_word_while_its_greeting_follows(
    alice: Any, lee: Any, oda: Any
) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    typed = "Hi Ms. Lee,\r\n\r\nMy own words <b>&</b> more.\r\n\r\nAlice"
    page = post(
        client,
        data,
        "check",
        body=typed,
        subject="My subject",
        recipients=[lee.pk, oda.pk],
        order=f"{lee.pk},{oda.pk}",
    ).content.decode()
    assert textarea(page) == "Hi Ms. Lee and Mx. Oda,\n\nMy own words <b>&</b> more.\n\nAlice"
    assert "My own words &lt;b&gt;&amp;&lt;/b&gt; more." in page
    assert field(page, "subject") == "My subject"


def test_an_edited_greeting_stays_as_typed(alice: Any, lee: Any, oda: Any) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    typed = data["body"].replace("Hi Ms. Lee,", "Dear Ms. Lee,")
    page = post(
        client, data, "check", body=typed, recipients=[lee.pk, oda.pk], order=f"{lee.pk},{oda.pk}"
    ).content.decode()
    assert textarea(page).replace("\r\n", "\n") == typed.replace("\r\n", "\n")


def test_refill_keeps_a_typed_message_and_asks_before_replacing_it(
    alice: Any, lee: Any, oda: Any
) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    typed = data["body"] + "\r\nP.S. My own words."
    response = post(client, data, "refill", body=typed, subject="Mine")
    page = response.content.decode()
    assert response.status_code == 200
    assert textarea(page).endswith("P.S. My own words.")
    assert field(page, "subject") == "Mine"
    notice = notice_of(page)
    assert " hidden" not in notice.split(">")[0]
    assert "The message has your changes, so it was kept as it is." in notice
    assert 'value="replace"' in notice and "Replace it with the template" in notice

    # "Replace it with the template": now it is replaced.
    again = {**data, "body": typed, "subject": "Mine"}
    replaced = post(client, again, "replace", switch_to="en").content.decode()
    assert "P.S. My own words." not in textarea(replaced)
    assert textarea(replaced).startswith("Hi Ms. Lee,\n\nI hope your week is going well.")
    assert field(replaced, "subject") == "Checking in about our child"
    assert "data-draft-notice hidden" in replaced


def test_refill_of_an_untouched_draft_starts_again_at_once(alice: Any, lee: Any, oda: Any) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    page = post(client, data, "refill", kind="appreciation").content.decode()
    assert textarea(page).startswith("Hi Ms. Lee,\n\nI want to take a moment to say thank you.")
    assert "data-draft-notice hidden" in page


def resent(response: Any) -> dict[str, Any]:
    """The form data of the page a response shows, as a browser would post it again."""
    form = response.context["form"]
    data = {name: form.data.get(name, "") for name in form.fields}
    data["recipients"] = form.data.getlist("recipients")
    return data


def test_another_kind_after_an_edit_keeps_the_message_and_its_subject_and_says_so(
    alice: Any, lee: Any
) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    assert data["written_kind"] == "check_in"
    typed = data["body"] + "\r\nP.S. My own words."
    response = post(client, data, "check", body=typed, kind="appreciation")
    page = response.content.decode()
    assert response.status_code == 200
    assert textarea(page).endswith("P.S. My own words.")
    # The subject goes with the message as it is: still the check-in's.
    assert field(page, "subject") == "Checking in about our child"
    assert re.search(r'<option value="appreciation" selected>', page)
    assert field(page, "written_kind") == "check_in"
    notice = notice_of(page)
    assert " hidden" not in notice.split(">")[0]
    assert (
        "You chose “Appreciation”, but the message has your changes, so it was kept as it "
        "is, with its subject." in notice
    )
    assert "Replace it with the “Appreciation” template" in notice
    assert field(page, "switch_to") == "en"

    # One click takes the appreciation template, subject and message.
    replaced = post(client, resent(response), "replace", switch_to="en")
    page = replaced.content.decode()
    assert textarea(page).startswith("Hi Ms. Lee,\n\nI want to take a moment to say thank you.")
    assert "P.S. My own words." not in textarea(page)
    assert field(page, "subject") == "Thank you for your support of our child"
    assert field(page, "written_kind") == "appreciation"
    assert "data-draft-notice hidden" in page


def test_another_kind_for_an_untouched_draft_rewrites_it_without_a_word(
    alice: Any, lee: Any
) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    page = post(client, data, "check", kind="appreciation").content.decode()
    assert textarea(page).startswith("Hi Ms. Lee,\n\nI want to take a moment to say thank you.")
    assert field(page, "subject") == "Thank you for your support of our child"
    assert field(page, "written_kind") == "appreciation"
    assert "data-draft-notice hidden" in page


def test_back_to_the_message_s_own_kind_the_notice_goes(alice: Any, lee: Any) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    typed = data["body"] + "\r\nP.S. Mine."
    switched = post(client, data, "check", body=typed, kind="concern")
    back = post(client, {**resent(switched), "kind": "check_in"}, "check")
    page = back.content.decode()
    assert "data-draft-notice hidden" in page
    assert field(page, "subject") == "Checking in about our child"
    assert textarea(page).endswith("P.S. Mine.")


def test_follow_answers_the_kind_s_offer_as_json(alice: Any, lee: Any) -> None:
    client = client_for(alice)
    data = opened(client, kind="appreciation", member=lee.pk)
    typed = {"body": data["body"] + " typed", "kind": "check_in"}
    answer = json.loads(post(client, data, "follow", **typed).content)
    assert answer["subject"] == "Thank you for your support of our child"
    assert answer["body"].endswith(" typed")
    assert answer["written"]["written_kind"] == "appreciation"
    assert answer["notice"] == {
        "language": "en",
        "text": "You chose “Check-in”, but the message has your changes, so it was kept as "
        "it is, with its subject.",
        "button": "Replace it with the “Check-in” template",
    }


def test_a_kept_monthly_update_keeps_its_month_under_another_kind(
    alice: Any, lee: Any, oda: Any
) -> None:
    client = client_for(alice)
    data = opened(client, kind="monthly_update", member=lee.pk, month="2026-10")
    typed = data["body"] + "\r\nP.S. Mine."
    response = post(client, data, "check", body=typed, kind="check_in")
    page = response.content.decode()
    assert field(page, "month") == "2026-10"
    assert field(page, "subject") == data["subject"]
    assert "October 2026" in field(page, "subject")
    # Followed again (another person ticked), it is still October's update.
    ticked = post(client, resent(response), "check", recipients=[lee.pk, oda.pk])
    assert field(ticked.content.decode(), "subject") == data["subject"]
    assert field(ticked.content.decode(), "month") == "2026-10"
    assert textarea(ticked.content.decode()).startswith("Hi Ms. Lee and Mx. Oda,\n")
    replaced = post(client, resent(response), "replace", switch_to="en").content.decode()
    assert field(replaced, "subject") == "Checking in about our child"
    assert field(replaced, "month") == ""


def test_another_kind_and_another_language_are_offered_in_one_click(
    alice: Any, lee: Any, park: Any
) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    changes = {
        "body": data["body"] + "\r\nP.S. Mine.",
        "kind": "appreciation",
        "recipients": [lee.pk, park.pk],
        "order": f"{park.pk},{lee.pk}",
    }
    response = post(client, data, "check", **changes)
    page = response.content.decode()
    notice = notice_of(page)
    assert "Messages to Mr. Park are written in Spanish." in notice
    assert "Replace it with the “Appreciation” template in Spanish" in notice
    assert field(page, "switch_to") == "es"
    replaced = post(client, resent(response), "replace", switch_to="es").content.decode()
    assert textarea(replaced).startswith("Hola, Mr. Park y Ms. Lee:\n")
    assert field(replaced, "subject").startswith("Gracias por su apoyo")


def test_the_kind_s_offer_speaks_the_page_s_language(alice: Any, lee: Any) -> None:
    alice.language = "es"
    alice.save(update_fields=["language"])
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk, language="es")
    typed = {"body": data["body"] + " escrito", "kind": "appreciation"}
    answer = json.loads(post(client, data, "follow", **typed).content)
    assert answer["notice"] == {
        "language": "es",
        "text": "Usted eligió “Agradecimiento”, pero el mensaje tiene sus cambios, así que "
        "se dejó como estaba, con su asunto.",
        "button": "Reemplazarlo con la plantilla “Agradecimiento”",
    }


def test_a_spanish_first_recipient_turns_an_untouched_draft_spanish(
    alice: Any, lee: Any, park: Any
) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    page = post(
        client, data, "check", recipients=[lee.pk, park.pk], order=f"{park.pk},{lee.pk}"
    ).content.decode()
    assert textarea(page).startswith("Hola, Mr. Park y Ms. Lee:\n")
    assert re.search(r'<option value="es" selected>', page)
    assert field(page, "written_language") == "es"


def test_a_spanish_first_recipient_is_only_offered_for_a_typed_message(
    alice: Any, lee: Any, park: Any
) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    typed = data["body"] + "\r\nP.S. Mine."
    ticked = {"recipients": [lee.pk, park.pk], "order": f"{park.pk},{lee.pk}", "body": typed}
    page = post(client, data, "check", **ticked).content.decode()
    assert textarea(page).startswith("Hi Mr. Park and Ms. Lee,\n")
    assert textarea(page).endswith("P.S. Mine.")
    assert re.search(r'<option value="en" selected>', page)
    assert "Messages to Mr. Park are written in Spanish." in page
    assert "Start again in Spanish" in page
    assert field(page, "switch_to") == "es"

    # Taking the offer starts again from the Spanish template.
    page = post(client, {**data, **ticked}, "replace", switch_to="es").content.decode()
    assert textarea(page).startswith("Hola, Mr. Park y Ms. Lee:\n")
    assert "P.S. Mine." not in textarea(page)
    assert re.search(r'<option value="es" selected>', page)


def test_names_in_the_notice_are_escaped(alice: Any, workspace: Any, lee: Any) -> None:
    sly = make_member(workspace, "<script>x()</script>", language="es")
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    page = post(
        client,
        data,
        "check",
        body=data["body"] + " typed",
        recipients=[lee.pk, sly.pk],
        order=f"{sly.pk},{lee.pk}",
    ).content.decode()
    assert "<script>x()</script>" not in page
    assert "Messages to &lt;script&gt;x()&lt;/script&gt; are written in Spanish." in page


def test_a_subject_with_the_recipients_follows_them_until_edited(
    alice: Any, workspace: Any, lee: Any, oda: Any
) -> None:
    MessageTemplate.objects.create(
        workspace=workspace,
        kind="check_in",
        language="en",
        subject="For {recipients}",
        body="Dear {recipients},\n\nHow is the week?\n\n{my_name}",
    )
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    assert data["subject"] == "For Ms. Lee"
    ticked = {"recipients": [lee.pk, oda.pk], "order": f"{lee.pk},{oda.pk}"}
    page = post(client, data, "check", **ticked).content.decode()
    assert field(page, "subject") == "For Ms. Lee and Mx. Oda"
    assert textarea(page).startswith("Dear Ms. Lee and Mx. Oda,\n")
    page = post(client, data, "check", subject="For Ms. Lee only", **ticked).content.decode()
    assert field(page, "subject") == "For Ms. Lee only"


def test_follow_answers_the_draft_as_json_for_the_page_s_script(
    alice: Any, lee: Any, park: Any, oda: Any
) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    response = post(client, data, "follow", recipients=[lee.pk, oda.pk], order=f"{oda.pk},{lee.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    answer = json.loads(response.content)
    assert answer["body"].startswith("Hi Mx. Oda and Ms. Lee,\n")
    assert answer["language"] == "en"
    assert answer["written"]["written_greeting"] == "Hi Mx. Oda and Ms. Lee,"
    assert answer["written"]["written_body"] == answer["body"]
    assert answer["notice"] is None
    assert Interaction.objects.count() == 0

    typed = {"body": data["body"] + " typed", "recipients": [lee.pk, park.pk]}
    answer = json.loads(post(client, data, "follow", order=f"{park.pk}", **typed).content)
    assert answer["body"].startswith("Hi Mr. Park and Ms. Lee,")
    assert answer["notice"] == {
        "language": "es",
        "text": "Messages to Mr. Park are written in Spanish. "
        "The message has your changes, so it was kept as it is.",
        "button": "Start again in Spanish",
    }


def test_follow_with_an_unknown_kind_changes_nothing(alice: Any, lee: Any) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in", member=lee.pk)
    response = post(client, data, "follow", kind="nope")
    assert response.status_code == 400
    assert "error" in json.loads(response.content)


@pytest.mark.parametrize("action", ["follow", "replace"])
def test_a_viewer_cannot_follow_or_replace(vera: Any, workspace: Any, action: str) -> None:
    response = client_for(vera).post(COMPOSE, {"action": action, "kind": "check_in"})
    assert response.status_code == 403


def test_follow_needs_a_login(db: Any) -> None:
    response = client_for(None).post(COMPOSE, {"action": "follow", "kind": "check_in"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_monthly_update_that_follows_keeps_its_month(alice: Any, lee: Any, oda: Any) -> None:
    client = client_for(alice)
    data = opened(client, kind="monthly_update", member=lee.pk, month="2026-10")
    assert data["month"] == "2026-10"
    page = post(
        client, data, "check", recipients=[lee.pk, oda.pk], order=f"{lee.pk},{oda.pk}"
    ).content.decode()
    assert textarea(page).startswith("Hi Ms. Lee and Mx. Oda,\n\nHere is my update about")
    assert "October 2026" in textarea(page)
    assert field(page, "month") == "2026-10"


def test_the_log_the_mail_and_the_eml_follow_the_tick_order(alice: Any, lee: Any, oda: Any) -> None:
    client = client_for(alice)
    data = opened(client, kind="check_in")
    ticked = {"recipients": [lee.pk, oda.pk], "order": f"{oda.pk},{lee.pk}"}
    checked = post(client, data, "check", **ticked)
    form = checked.context["form"]
    data = {**data, **{k: form.data.get(k, "") for k in ("subject", "body")}, **ticked}

    eml = post(client, data, "eml")
    message = email.message_from_bytes(eml.content, policy=email.policy.default)
    assert message["To"] == "oda@school.example, lee@school.example"

    with pytest.MonkeyPatch.context() as patch:
        mailed: list[list[str]] = []
        logged: list[list[Any]] = []
        real_mailto, real_log = drafts.mailto, compose_views.message_log

        def mailto(addresses: Any, subject: str, body: str) -> str:
            mailed.append(list(addresses))
            return real_mailto(addresses, subject, body)

        def message_log(**kwargs: Any) -> Any:
            logged.append(list(kwargs["message"].recipients))
            return real_log(**kwargs)

        patch.setattr(drafts, "mailto", mailto)
        patch.setattr(compose_views, "message_log", message_log)
        post(client, data, "check")
        response = post(client, data, "log_as_is")
    assert mailed == [["oda@school.example", "lee@school.example"]]
    assert response.status_code == 302
    assert logged == [[oda, lee]]
    entry = Interaction.objects.get()
    assert entry.summary.split("\n\n")[1].startswith("Hi Mx. Oda and Ms. Lee,")
    # The log keeps the tick order too.
    assert entry.people() == [oda, lee]


def test_the_offer_speaks_the_page_s_language(alice: Any, lee: Any, park: Any) -> None:
    alice.language = "es"
    alice.save(update_fields=["language"])
    client = client_for(alice)
    data = opened(client, kind="check_in", member=park.pk)
    assert data["language"] == "es"
    typed = {"body": data["body"] + " escrito", "recipients": [lee.pk, park.pk]}
    answer = json.loads(post(client, data, "follow", order=f"{lee.pk},{park.pk}", **typed).content)
    assert answer["notice"] == {
        "language": "en",
        "text": "Los mensajes para Ms. Lee se escriben en inglés. "
        "El mensaje tiene sus cambios, así que se dejó como estaba.",
        "button": "Volver a empezar en inglés",
    }
