"""The meetings services: what they link is checked, history is written, records sealed."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from allies.meetings import checklist, services
from allies.meetings.models import (
    ActionItem,
    AgendaItem,
    Concern,
    ConcernEvent,
    Confirmation,
    Insight,
    Meeting,
    Phase,
)
from tests.support import make_entry, make_member, make_student, make_workspace


@pytest.fixture
def team(workspace: Any) -> dict[str, Any]:
    return {
        "lee": make_member(workspace, "Ms. Lee"),
        "park": make_member(workspace, "Mr. Park", role="speech"),
        "sam": make_student(workspace, "Sam"),
    }


def _meeting(workspace: Any, alice: Any, team: dict[str, Any], **extra: Any) -> Meeting:
    fields: dict[str, Any] = {
        "starts_at": timezone.now() + datetime.timedelta(days=10),
        "student": team["sam"],
        "attendees": [team["park"], team["lee"]],
    }
    fields.update(extra)
    return services.meeting_plan(workspace=workspace, author=alice, **fields)


def test_an_insight_from_the_family_keeps_who_shared_it(workspace: Any, alice: Any) -> None:
    insight = services.insight_record(
        workspace=workspace, author=alice, observed="Reads aloud to the dog", shared_by_name=" Dad "
    )
    assert insight.shared_by_name == "Dad"
    assert not insight.from_team and not insight.needs_thanks


def test_a_team_members_insight_needs_thanks_until_acknowledged(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    insight = services.insight_record(
        workspace=workspace,
        author=alice,
        observed="Calmer after movement breaks",
        source=Insight.Source.CLASSROOM,
        shared_by=team["lee"],
        shared_by_name="ignored for a member",
    )
    assert insight.needs_thanks and insight.shared_by_name == ""
    entry = make_entry(workspace, alice, [team["lee"]], summary="Thank you!")
    services.insight_acknowledge(insight=insight, entry=entry)
    insight.refresh_from_db()
    assert not insight.needs_thanks and insight.acknowledged_entry == entry


def test_an_insight_must_say_what_was_observed(workspace: Any, alice: Any) -> None:
    with pytest.raises(ValidationError):
        services.insight_record(workspace=workspace, author=alice, observed="")


def test_nothing_from_another_workspace_can_be_linked(
    workspace: Any, alice: Any, oscar: Any, team: dict[str, Any]
) -> None:
    theirs = make_workspace(oscar, name="Theirs")
    stranger = make_member(theirs, "Stranger")
    with pytest.raises(ValueError):
        services.insight_record(workspace=workspace, author=alice, observed="x", shared_by=stranger)
    with pytest.raises(ValueError):
        services.concern_raise(workspace=workspace, author=alice, title="x", invited=[stranger])
    with pytest.raises(ValueError):
        _meeting(workspace, alice, team, attendees=[stranger])
    with pytest.raises(ValueError):
        services.action_item_add(workspace=workspace, author=alice, text="x", owner=stranger)
    assert not Concern.objects.exists() and not Meeting.objects.exists()


def test_a_concern_writes_its_history_as_it_moves(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    concern = services.concern_raise(
        workspace=workspace,
        author=alice,
        title="Homework takes two hours",
        interest="Sam finishes homework without tears",
        invited=[team["lee"]],
        student=team["sam"],
    )
    services.concern_option_add(
        concern=concern,
        author=alice,
        text="Shorter sets",
        suggested_by="school",
        member=team["lee"],
    )
    assert concern.status == Concern.Status.EXPLORING  # an option on the table
    services.concern_edit(concern=concern, author=alice, tried="Timer at home")
    services.concern_edit(concern=concern, author=alice, tried="Timer at home")  # no change
    services.concern_set_status(
        concern=concern, author=alice, status=Concern.Status.PLAN_AGREED, plan="Ten problems"
    )
    services.concern_set_status(concern=concern, author=alice, status=Concern.Status.RESOLVED)
    assert concern.resolved_at is not None
    kinds = list(concern.events.values_list("kind", flat=True))
    assert kinds == ["raised", "status", "option", "edited", "edited", "status", "status"]
    assert concern.events.get(kind="option").author_label == "Alice"
    status = concern.events.filter(kind=ConcernEvent.Kind.STATUS).last()
    assert status is not None and status.data == {"before": "plan_agreed", "after": "resolved"}
    assert concern.options.get().suggested_by_label == "Ms. Lee"


def test_linking_an_entry_twice_links_it_once(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    concern = services.concern_raise(workspace=workspace, author=alice, title="Bus")
    entry = make_entry(workspace, alice, [team["lee"]])
    assert services.concern_link_entry(concern=concern, author=alice, entry=entry)
    assert not services.concern_link_entry(concern=concern, author=alice, entry=entry)
    assert concern.entries.count() == 1 and concern.events.filter(kind="entry").count() == 1


def test_an_action_item_without_a_member_is_the_familys(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    item = services.action_item_add(workspace=workspace, author=alice, text="Send the reading log")
    assert item.owner_is_family and item.owner is None
    # The database itself holds "exactly one owner".
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionItem.objects.filter(pk=item.pk).update(owner=team["lee"])


def test_an_action_item_is_done_dropped_with_a_reason_or_open_again(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    today = timezone.localdate()
    item = services.action_item_add(
        workspace=workspace,
        author=alice,
        text="Try the visual schedule",
        owner=team["lee"],
        due=today - datetime.timedelta(days=2),
    )
    assert item.is_overdue(today)
    assert list(ActionItem.objects.overdue(today)) == [item]
    with pytest.raises(ValueError):
        services.action_item_set_status(item=item, status="dropped", reason="  ")
    services.action_item_set_status(item=item, status="dropped", reason="Not needed now")
    assert not item.is_overdue(today)
    services.action_item_set_status(item=item, status="done")
    assert item.done_on == today and item.dropped_reason == ""
    services.action_item_set_status(item=item, status="open")
    assert item.done_on is None


def test_a_meeting_gets_its_own_checklist_in_the_planners_language(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    meeting = _meeting(workspace, alice, team, language="es")
    steps = list(meeting.checklist.all())
    assert len(steps) == len(checklist.STEPS)
    assert [s.key for s in steps] == [s.key for s in checklist.STEPS]
    assert steps[0].phase == Phase.BEFORE and steps[0].text.startswith("Comparta")
    # Attendees keep the order they were chosen in.
    assert list(meeting.attendees.order_by("meetingattendee__position")) == [
        team["park"],
        team["lee"],
    ]
    services.checklist_item_set(item=steps[0], author=alice, done=True)
    assert steps[0].done
    added = services.checklist_item_add(meeting=meeting, phase=Phase.AFTER, text="Call Grandma")
    assert list(meeting.checklist.all())[-1] == added


def test_a_meeting_planned_from_a_concern_opens_its_agenda_with_it(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    concern = services.concern_raise(workspace=workspace, author=alice, title="Recess")
    meeting = _meeting(workspace, alice, team, concern=concern, student=None)
    item = meeting.agenda.get()
    assert item.kind == AgendaItem.Kind.CONCERN and item.text == "Recess"
    assert concern.events.filter(kind="meeting", data__meeting=meeting.pk).exists()


def test_the_agenda_reorders_by_ids_and_by_moves(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    meeting = _meeting(workspace, alice, team)
    a, b, c = (services.agenda_item_add(meeting=meeting, text=t) for t in "abc")
    services.agenda_reorder(meeting=meeting, order=[c.pk, a.pk, 99999])
    assert [i.text for i in meeting.agenda.all()] == ["c", "a", "b"]
    services.agenda_move(item=b, by=-1)
    assert [i.text for i in meeting.agenda.all()] == ["c", "b", "a"]
    services.agenda_move(item=meeting.agenda.get(text="c"), by=-1)  # already first
    assert [i.text for i in meeting.agenda.all()] == ["c", "b", "a"]


def test_notes_saved_from_a_stale_page_are_refused(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    meeting = _meeting(workspace, alice, team)
    version = services.meeting_notes_save(meeting=meeting, notes="First", base_version=0)
    assert version == 1
    with pytest.raises(services.NotesConflict):
        services.meeting_notes_save(meeting=meeting, notes="Older tab", base_version=0)
    meeting.refresh_from_db()
    assert meeting.notes == "First"
    with pytest.raises(ValidationError):
        services.meeting_notes_save(meeting=meeting, notes="x" * 20_001, base_version=1)


def test_the_same_notes_resent_from_a_stale_version_are_no_conflict(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    # The first save landed but its answer was lost: the page sends it again.
    meeting = _meeting(workspace, alice, team)
    services.meeting_notes_save(meeting=meeting, notes="Typed once", base_version=0)
    assert services.meeting_notes_save(meeting=meeting, notes="Typed once", base_version=0) == 1
    with pytest.raises(services.NotesConflict):
        services.meeting_notes_save(meeting=meeting, notes="Typed once, more", base_version=0)
    assert (meeting.notes, meeting.notes_version) == ("Typed once", 1)


def test_a_checklist_step_is_reworded_moved_and_removed(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    meeting = _meeting(workspace, alice, team)
    step = services.checklist_item_add(meeting=meeting, phase=Phase.BEFORE, text=" Call Ms. Lee ")
    services.checklist_item_edit(item=step, phase=Phase.AFTER, text="Thank Ms. Lee ")
    step.refresh_from_db()
    assert (step.phase, step.text) == (Phase.AFTER, "Thank Ms. Lee")
    with pytest.raises(ValueError):
        services.checklist_item_edit(item=step, phase=9, text="x")
    services.checklist_item_remove(item=step)
    assert not meeting.checklist.filter(pk=step.pk).exists()


def test_a_confirmation_link_works_once_for_its_meeting_only(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    meeting = _meeting(workspace, alice, team)
    other = _meeting(workspace, alice, team)
    token = services.confirmation_link_token(meeting=meeting, member=team["lee"])
    with pytest.raises(services.LinkProblem) as problem:
        services.confirmation_request_for(token, other.pk)
    assert problem.value.reason == "altered"
    with pytest.raises(services.LinkProblem) as problem:
        services.confirmation_request_for(token[:-2] + "xx", meeting.pk)
    assert problem.value.reason == "altered"
    request = services.confirmation_request_for(token, meeting.pk)
    services.confirmation_record(
        meeting=meeting, member=request.member, response="confirmed", request=request
    )
    with pytest.raises(services.LinkProblem) as problem:
        services.confirmation_request_for(token, meeting.pk)
    assert problem.value.reason == "used"
    with pytest.raises(services.LinkProblem):  # a second submit of the same page
        services.confirmation_record(
            meeting=meeting, member=request.member, response="confirmed", request=request
        )
    assert meeting.confirmations.count() == 1


def test_an_expired_link_says_so(workspace: Any, alice: Any, team: dict[str, Any]) -> None:
    meeting = _meeting(workspace, alice, team)
    token = services.confirmation_link_token(meeting=meeting, member=team["lee"])
    meeting.confirmation_requests.update(expires_at=timezone.now())
    with pytest.raises(services.LinkProblem) as problem:
        services.confirmation_request_for(token, meeting.pk)
    assert problem.value.reason == "expired"


def test_only_attendees_get_a_link(workspace: Any, alice: Any, team: dict[str, Any]) -> None:
    meeting = _meeting(workspace, alice, team, attendees=[team["lee"]])
    with pytest.raises(ValueError):
        services.confirmation_link_token(meeting=meeting, member=team["park"])


def test_confirmations_are_chained_and_seal_what_was_confirmed(
    workspace: Any, alice: Any, team: dict[str, Any]
) -> None:
    meeting = _meeting(workspace, alice, team)
    services.decision_add(meeting=meeting, author=alice, text="Speech twice a week")
    first = services.confirmation_record(meeting=meeting, member=team["lee"], response="confirmed")
    services.action_item_add(
        workspace=workspace, author=alice, text="Share the schedule", meeting=meeting
    )
    second = services.confirmation_record(
        meeting=meeting,
        member=team["park"],
        response="correction",
        text="It was three times",
        via=Confirmation.Via.REPLY,
        recorded_by=alice,
    )
    assert first.prev_hash == services.GENESIS_HASH and second.prev_hash == first.hash
    assert (first.number, second.number) == (1, 2)
    # The summary changed between them (an action item was added), and the seal says so.
    assert first.summary_hash != second.summary_hash
    assert second.hash == services.confirmation_seal(second, member_name="Mr. Park")
    second.text = "It was four times"
    assert second.hash != services.confirmation_seal(second, member_name="Mr. Park")
    with pytest.raises(ValueError):
        services.confirmation_record(meeting=meeting, member=team["lee"], response="correction")
