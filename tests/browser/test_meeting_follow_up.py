"""After a meeting, in a real browser (issue 10): record what was decided, draft the
follow-up in one click, send it through a real SMTP server, open an attendee's personal
link without an account (on a phone), correct the summary there, and see the meeting's
record and "confirmed by" on its page; a reply by email is recorded by hand."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support import make_meeting, make_member, make_student, make_user, make_workspace
from tests.support.smtp import Sink

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def held() -> dict[str, Any]:
    user = make_user("alice@example.com", display_name="Alice")
    workspace = make_workspace(user, name="The Rivera family")
    maya = make_student(workspace, name="Maya R.")
    lee = make_member(workspace, name="Ms. Lee", email="lee@school.example")
    diaz = make_member(workspace, name="Sra. Díaz", email="diaz@school.example", language="es")
    meeting = make_meeting(workspace, user, in_days=-1, student=maya, attendees=[lee, diaz])
    return {"user": user, "meeting": meeting, "lee": lee, "diaz": diaz}


def test_from_decisions_to_a_confirmed_summary(
    page: Page, browser: Browser, server: str, held: dict[str, Any], smtp: Sink
) -> None:
    from allies.log.models import Interaction

    meeting = held["meeting"]
    log_in(page.context, server, held["user"])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server}/meetings/{meeting.pk}/")

    page.get_by_label("What was decided", exact=True).fill("Reading group three times a week")
    page.get_by_role("button", name="Add the decision").click()
    expect(page.locator("ol.decisions")).to_contain_text("Reading group three times a week")
    page.locator("#actions").get_by_label("What", exact=True).fill("Send the reading log")
    page.locator("#actions").get_by_label("Who", exact=True).select_option(
        value=str(held["lee"].pk)
    )
    page.get_by_role("button", name="Add the action item").click()
    expect(page.locator("#actions table")).to_contain_text("Send the reading log")

    # One follow-up per language the attendees read: Ms. Lee's is in English.
    page.get_by_role("button", name="Draft the follow-up in English (Ms. Lee)").click()
    expect(page.locator(".messages")).to_contain_text("The meeting is in the log")
    body = page.get_by_role("textbox", name="Message", exact=True)
    expect(body).to_have_value(re.compile(r"- Reading group three times a week"))
    expect(body).to_have_value(re.compile(r"- Send the reading log \(Ms\. Lee\)"))
    text = body.input_value().replace(
        "[Thank someone specific: what they said or did that helped.]",
        "Thank you, Ms. Lee, for the reading chart.",
    )
    body.fill(text)
    page.get_by_role("button", name="Send and log it").click()
    expect(page.locator(".messages")).to_contain_text("Sent, and added to the log.")

    [message] = smtp.to("lee@school.example")
    [link] = re.findall(r"https://allies\.example\.org(/confirm/\S+)", message.get_content())
    assert Interaction.objects.filter(channel="meeting").count() == 1  # the meeting, once
    assert "/confirm/" not in Interaction.objects.get(channel="email").summary

    # Ms. Lee opens her link on her phone, with no account.
    phone = browser.new_context(viewport={"width": 375, "height": 812})
    theirs = phone.new_page()
    theirs.goto(server + link)
    expect(theirs.get_by_role("heading", level=1)).to_have_text("Confirm the meeting summary")
    expect(theirs.locator("main")).to_contain_text("Send the reading log (Ms. Lee)")
    assert theirs.locator("main a").count() == 0  # nothing else in Allies from here
    theirs.get_by_label("Correction", exact=True).check()
    theirs.get_by_role("button", name="Send my answer").click()
    expect(theirs.locator(".error")).to_contain_text("Write what should be corrected.")
    theirs.get_by_label("What should be corrected", exact=True).fill("Twice a week, not three")
    theirs.get_by_role("button", name="Send my answer").click()
    expect(theirs.get_by_role("heading", level=1)).to_have_text("Thank you")
    theirs.goto(server + link)  # once only
    expect(theirs.locator("main")).to_contain_text("This link has been used already")
    phone.close()

    # Sra. Díaz answered by email: recorded by hand.
    page.goto(f"{server}/meetings/{meeting.pk}/")
    expect(page.locator("#after")).to_contain_text("Confirmed by 0 of 2")
    page.locator("summary", has_text="The record of answers").click()
    expect(page.locator("#after .record")).to_contain_text("Twice a week, not three")
    page.locator("summary", has_text="Mark confirmed by").click()
    page.get_by_label("Who replied", exact=True).select_option(value=str(held["diaz"].pk))
    page.locator("#after").get_by_label("Confirmed", exact=True).check()
    page.get_by_role("button", name="Record their answer").click()
    expect(page.locator(".messages")).to_contain_text("Their reply is in the meeting's record.")
    expect(page.locator("#after")).to_contain_text("Confirmed by 1 of 2")
    expect(page.locator("#after .answers")).to_contain_text("Sra. Díaz: confirmed")
    expect(page.locator("#after .answers")).to_contain_text("Ms. Lee: sent a correction")


def test_a_whole_meeting_from_a_concern_to_its_packet(
    page: Page, browser: Browser, server: str, smtp: Sink
) -> None:
    """Open a concern, plan a meeting from it, tick the checklist, build the agenda with
    a picked question, record a decision and an action item, draft and send the
    follow-up; an attendee confirms through their link; the meeting says "Confirmed by 1
    of 1"; the packet's PDF holds the agenda."""
    import datetime

    from django.utils import timezone
    from pypdf import PdfReader

    from allies.meetings import services
    from allies.questions.models import CustomQuestion, MeetingQuestion

    user = make_user("alice@example.com", display_name="Alice")
    workspace = make_workspace(user, name="The Rivera family")
    maya = make_student(workspace, name="Maya R.")
    lee = make_member(workspace, name="Ms. Lee", email="lee@school.example")
    concern = services.concern_raise(
        workspace=workspace, author=user, title="Homework takes hours", student=maya, invited=[lee]
    )
    own = CustomQuestion.objects.create(
        workspace=workspace, category="know", text="What helps her start a task?"
    )
    MeetingQuestion.objects.create(student=maya, custom=own, added_by=user)
    log_in(page.context, server, user)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{server}/concerns/{concern.pk}/")
    page.get_by_role("button", name="Plan a meeting about it").click()
    # Held an hour ago: recorded afterwards, as families often do.
    held = timezone.localtime(timezone.now() - datetime.timedelta(hours=1))
    page.get_by_label("Date and time").fill(held.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Plan it").click()
    expect(page.locator(".notice").first).to_contain_text("This meeting has taken place")
    expect(page.locator("#agenda ol, #agenda ul").first).to_contain_text("Homework takes hours")

    first = page.locator("#checklist button.tick").first
    first.click()
    expect(first).to_have_attribute("aria-pressed", "true")

    page.get_by_role("button", name=re.compile(r"^Add\W+What helps her start a task")).click()
    expect(page.locator("#agenda")).to_contain_text("What helps her start a task?")

    page.get_by_label("What was decided", exact=True).fill("Homework stops at 30 minutes")
    page.get_by_role("button", name="Add the decision").click()
    page.locator("#actions").get_by_label("What", exact=True).fill("Send a timer home")
    page.locator("#actions").get_by_label("Who", exact=True).select_option(value=str(lee.pk))
    page.get_by_role("button", name="Add the action item").click()
    expect(page.locator("#actions table")).to_contain_text("Send a timer home")

    page.get_by_role("button", name="Draft the follow-up").click()
    body = page.get_by_role("textbox", name="Message", exact=True)
    expect(body).to_have_value(re.compile(r"- Homework stops at 30 minutes"))
    body.fill(
        body.input_value().replace(
            "[Thank someone specific: what they said or did that helped.]",
            "Thank you, Ms. Lee, for the timer idea.",
        )
    )
    page.get_by_role("button", name="Send and log it").click()
    expect(page.locator(".messages")).to_contain_text("Sent, and added to the log.")

    [message] = smtp.to("lee@school.example")
    [link] = re.findall(r"https://allies\.example\.org(/confirm/\S+)", message.get_content())
    theirs = browser.new_context().new_page()
    theirs.goto(server + link)
    theirs.get_by_role("button", name="Send my answer").click()  # "Confirmed" is chosen
    expect(theirs.get_by_role("heading", level=1)).to_have_text("Thank you")
    theirs.context.close()

    page.goto(f"{server}/meetings/")
    page.locator("main a", has_text="Annual IEP meeting").first.click()
    expect(page.locator("#after")).to_contain_text("Confirmed by 1 of 1")
    with page.expect_download() as download:
        page.get_by_role("link", name="Prep packet (PDF)").click()
    reader = PdfReader(download.value.path())
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Homework takes hours" in text
    assert "What helps her start a task?" in text
