"""The toolkit's writes, called as the views call them."""

from __future__ import annotations

from typing import Any

from allies.toolkit import services
from allies.toolkit.defaults import KINDS
from allies.toolkit.models import FavouriteQuestion, MeetingQuestion, MessageTemplate
from allies.toolkit.questions import QUESTIONS
from tests.support import make_member, make_student


def test_a_bank_question_is_starred_then_unstarred(workspace: Any) -> None:
    key = QUESTIONS[0].key
    services.favourite_toggle(workspace=workspace, key=key)
    assert FavouriteQuestion.objects.filter(workspace=workspace, key=key).exists()
    services.favourite_toggle(workspace=workspace, key=key)
    assert not FavouriteQuestion.objects.filter(workspace=workspace).exists()


def test_a_question_goes_on_a_students_meeting_list_once(alice: Any, workspace: Any) -> None:
    sam = make_student(workspace)
    key = QUESTIONS[0].key
    assert services.meeting_question_add(student=sam, author=alice, key=key)
    assert not services.meeting_question_add(student=sam, author=alice, key=key)
    own = services.custom_question_create(
        workspace=workspace,
        author=alice,
        category=QUESTIONS[0].category,
        text="Who helps at lunch?",
    )
    assert services.meeting_question_add(student=sam, author=alice, key=key, custom=own)
    picked = MeetingQuestion.objects.filter(student=sam)
    assert sorted((p.key, p.custom_id) for p in picked) == [("", own.pk), (key, None)]
    services.meeting_question_remove(picked=picked.get(custom=own))
    assert list(MeetingQuestion.objects.filter(student=sam).values_list("key", flat=True)) == [key]


def test_a_template_saved_twice_at_once_keeps_the_first(alice: Any, workspace: Any) -> None:
    first = MessageTemplate(
        workspace=workspace, kind="appreciation", language="en", subject="A", body="B"
    )
    assert services.template_save(template=first, author=alice)
    second = MessageTemplate(
        workspace=workspace, kind="appreciation", language="en", subject="C", body="D"
    )
    assert not services.template_save(template=second, author=alice)
    assert MessageTemplate.objects.get(workspace=workspace).subject == "A"
    services.template_reset(workspace=workspace, kind="appreciation", language="en")
    assert not MessageTemplate.objects.filter(workspace=workspace).exists()


def test_a_logged_message_is_an_email_sent_with_its_kinds_purposes(
    alice: Any, workspace: Any
) -> None:
    lee = make_member(workspace, email="lee@school.example")
    kind = next(k for k in KINDS if k.key == "appreciation")
    draft = services.Draft(
        kind=kind, recipients=[lee], student=None, subject="Thanks", body="It helped."
    )
    entry = services.message_log(workspace=workspace, author=alice, message=draft)
    assert (entry.channel, entry.direction, entry.tone) == ("email", "sent", "positive")
    assert entry.summary == "Thanks\n\nIt helped."
    assert list(entry.participants.all()) == [lee]
    assert draft.addresses == ["lee@school.example"]
