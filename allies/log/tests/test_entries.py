"""The log is a record: edits are revisions, withdrawals keep history, the chain is sealed."""

from __future__ import annotations

from typing import Any

import pytest

from allies.log.chain import GENESIS_HASH, revision_hash, sealed_payload
from allies.log.models import Interaction, InteractionRevision
from allies.log.services import interaction_edit, interaction_withdraw
from allies.log.tests.tamper import tampering
from allies.workspaces.services import workspace_delete
from tests.support import (
    client_for,
    entry_data,
    entry_data_from,
    make_entry,
    make_member,
    make_user,
    make_workspace,
    minute,
)


@pytest.fixture
def exact_entry(workspace: Any, alice: Any, member: Any) -> Any:
    """An entry whose time survives the form's minute precision unchanged."""
    return make_entry(workspace, alice, [member], occurred_at=minute())


def test_adding_an_entry_records_it_with_its_first_revision(alice: Any, member: Any) -> None:
    data = entry_data([member], summary="Thanked Ms. Lee for the new seating plan.")
    response = client_for(alice).post("/log/new/", data)
    entry = Interaction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/log/{entry.pk}/"
    assert entry.author == alice
    assert list(entry.participants.all()) == [member]
    assert [r.kind for r in entry.revisions.all()] == ["created"]


def test_the_new_entry_form_can_start_with_a_team_member_chosen(alice: Any, member: Any) -> None:
    response = client_for(alice).get(f"/log/new/?member={member.pk}")
    assert response.context["form"].initial["participants"] == [member.pk]


def test_editing_an_entry_creates_a_new_revision_and_shows_it_as_edited(
    alice: Any, exact_entry: Any
) -> None:
    client = client_for(alice)
    data = entry_data_from(exact_entry, summary="Checked in about the week and the field trip.")
    response = client.post(f"/log/{exact_entry.pk}/edit/", data, follow=True)
    html = response.content.decode()
    assert "Saved as a new revision" in html
    assert "Version 2: Edited</strong>" in html  # in the entry's history
    exact_entry.refresh_from_db()
    assert exact_entry.summary == "Checked in about the week and the field trip."
    assert exact_entry.revision_count == 2
    revisions = list(exact_entry.revisions.order_by("number"))
    assert [(r.number, r.kind) for r in revisions] == [(1, "created"), (2, "edited")]
    # The earlier wording is kept, not overwritten.
    assert revisions[0].data["summary"] == "Checked in about the week."
    assert ">edited<" in client.get("/log/").content.decode()


def test_an_edit_that_changes_nothing_creates_no_revision(alice: Any, exact_entry: Any) -> None:
    response = client_for(alice).post(
        f"/log/{exact_entry.pk}/edit/", entry_data_from(exact_entry), follow=True
    )
    assert "Nothing changed" in response.content.decode()
    exact_entry.refresh_from_db()
    assert exact_entry.revision_count == 1
    assert exact_entry.revisions.count() == 1
    assert not exact_entry.is_edited


def test_changing_who_took_part_is_an_edit(alice: Any, workspace: Any, exact_entry: Any) -> None:
    other = make_member(workspace, "Dana Whitfield", role="speech")
    data = entry_data_from(exact_entry, participants=[other.pk])
    client_for(alice).post(f"/log/{exact_entry.pk}/edit/", data)
    assert list(exact_entry.participants.all()) == [other]
    latest = exact_entry.revisions.order_by("-number").first()
    assert [p["name"] for p in latest.data["participants"]] == ["Dana Whitfield"]


def test_an_inactive_member_already_on_an_entry_stays_selectable(
    alice: Any, exact_entry: Any, member: Any
) -> None:
    member.active = False
    member.save()
    data = entry_data_from(exact_entry, summary="Still with the same person.")
    response = client_for(alice).post(f"/log/{exact_entry.pk}/edit/", data)
    assert response.status_code == 302
    assert list(exact_entry.participants.all()) == [member]


def test_withdrawing_needs_a_reason(alice: Any, entry: Any) -> None:
    for reason in ["", "   "]:
        response = client_for(alice).post(f"/log/{entry.pk}/withdraw/", {"reason": reason})
        assert response.status_code == 200
        assert "This field is required." in response.content.decode()
    entry.refresh_from_db()
    assert not entry.is_withdrawn


def test_the_service_refuses_to_withdraw_without_a_reason(alice: Any, entry: Any) -> None:
    with pytest.raises(ValueError, match="reason"):
        interaction_withdraw(interaction=entry, author=alice, reason="  ")


def test_a_withdrawn_entry_leaves_the_log_but_keeps_its_history(alice: Any, entry: Any) -> None:
    client = client_for(alice)
    response = client.post(
        f"/log/{entry.pk}/withdraw/", {"reason": "Logged twice by mistake."}, follow=True
    )
    assert "Withdrawn." in response.content.decode()
    entry.refresh_from_db()
    assert entry.is_withdrawn
    assert entry.withdrawn_reason == "Logged twice by mistake."

    assert entry.summary not in client.get("/log/").content.decode()
    assert entry.summary not in client.get("/").content.decode()
    with_withdrawn = client.get("/log/?withdrawn=on").content.decode()
    assert entry.summary in with_withdrawn
    assert ">withdrawn<" in with_withdrawn

    detail = client.get(f"/log/{entry.pk}/").content.decode()
    assert "Logged twice by mistake." in detail
    kinds = list(entry.revisions.order_by("number").values_list("kind", flat=True))
    assert kinds == ["created", "withdrawn"]
    assert entry.revisions.get(kind="withdrawn").reason == "Logged twice by mistake."


def test_a_withdrawn_entry_cannot_be_edited(alice: Any, entry: Any) -> None:
    interaction_withdraw(interaction=entry, author=alice, reason="Wrong family.")
    client = client_for(alice)
    response = client.post(
        f"/log/{entry.pk}/edit/", entry_data_from(entry, summary="Sneaky."), follow=True
    )
    assert "A withdrawn entry cannot be edited." in response.content.decode()
    entry.refresh_from_db()
    assert entry.summary != "Sneaky."
    with pytest.raises(ValueError):
        interaction_edit(interaction=entry, author=alice, participants=[], summary="Sneaky.")


def test_withdrawing_twice_records_one_withdrawal(alice: Any, entry: Any) -> None:
    interaction_withdraw(interaction=entry, author=alice, reason="Once.")
    interaction_withdraw(interaction=entry, author=alice, reason="Twice.")
    assert entry.revisions.filter(kind="withdrawn").count() == 1


def test_entries_need_participants_from_their_own_workspace(
    alice: Any, workspace: Any, oscar: Any
) -> None:
    elsewhere = make_member(oscar.memberships.get().workspace, "Mr. Other")
    with pytest.raises(ValueError, match="participants"):
        make_entry(workspace, alice, [elsewhere])
    assert not Interaction.objects.exists()


def _full_history(alice: Any, workspace: Any, member: Any) -> Any:
    """Two workspaces writing in turn: creations, edits and a withdrawal in each."""
    bob = make_user("bob@example.com")
    other = make_workspace(bob, name="The Other family")
    other_member = make_member(other, "Mr. Other")
    for i in range(3):
        mine = make_entry(workspace, alice, [member], summary=f"Ours {i}")
        theirs = make_entry(other, bob, [other_member], summary=f"Theirs {i}")
        interaction_edit(interaction=mine, author=alice, participants=[member], tone="positive")
        if i == 1:
            interaction_withdraw(interaction=theirs, author=bob, reason="Duplicate.")
    return other


def test_revisions_are_numbered_without_gaps_per_workspace(
    alice: Any, workspace: Any, member: Any
) -> None:
    other = _full_history(alice, workspace, member)
    for ws, expected in [(workspace, 6), (other, 4)]:
        seqs = list(
            InteractionRevision.objects.filter(workspace=ws)
            .order_by("seq")
            .values_list("seq", flat=True)
        )
        assert seqs == list(range(1, expected + 1))
        ws.refresh_from_db()
        assert ws.log_seq == expected


def test_each_revision_is_sealed_to_the_one_before(alice: Any, workspace: Any, member: Any) -> None:
    other = _full_history(alice, workspace, member)
    for ws in (workspace, other):
        prev = GENESIS_HASH
        for rev in InteractionRevision.objects.filter(workspace=ws).order_by("seq"):
            assert rev.prev_hash == prev
            assert revision_hash(prev_hash=prev, payload=sealed_payload(rev)) == rev.hash, rev
            prev = rev.hash


def test_altering_a_stored_revision_breaks_its_seal(
    alice: Any, workspace: Any, member: Any
) -> None:
    entry = make_entry(workspace, alice, [member], summary="What was said.")
    rev = entry.revisions.get()
    with tampering():
        InteractionRevision.objects.filter(pk=rev.pk).update(
            data={**rev.data, "summary": "What I wish was said."}
        )
    rev.refresh_from_db()
    assert revision_hash(prev_hash=rev.prev_hash, payload=sealed_payload(rev)) != rev.hash


def test_an_edit_made_from_a_stale_form_does_not_undo_a_change_saved_meanwhile(
    alice: Any, erin: Any, entry: Any
) -> None:
    stale = client_for(erin).get(f"/log/{entry.pk}/edit/").context["form"].initial
    client_for(alice).post(
        f"/log/{entry.pk}/edit/", entry_data_from(entry, summary="Alice's correction.")
    )
    response = client_for(erin).post(
        f"/log/{entry.pk}/edit/",
        entry_data_from(entry, summary="Erin's version.", base_revision=stale["base_revision"]),
    )
    assert response.status_code == 200
    assert "while you were editing" in response.content.decode()
    assert "Erin&#x27;s version." in response.content.decode()  # what she typed is kept
    entry.refresh_from_db()
    assert entry.summary == "Alice's correction."
    assert entry.revision_count == 2


def test_saving_a_quick_added_entry_unchanged_records_nothing(
    alice: Any, workspace: Any, member: Any
) -> None:
    client = client_for(alice)
    client.post("/log/quick/", {"member": member.pk, "purpose": "32", "summary": "At pick-up."})
    entry = Interaction.objects.get(summary="At pick-up.")
    client.post(f"/log/{entry.pk}/edit/", entry_data_from(entry))
    entry.refresh_from_db()
    assert entry.revision_count == 1


def test_what_the_log_refers_to_cannot_be_deleted_behind_its_back(
    workspace: Any, alice: Any, member: Any, student: Any
) -> None:
    from django.db.models import RestrictedError

    entry = make_entry(workspace, alice, [member], student=student)
    for thing in (member, student, entry):
        with pytest.raises(RestrictedError):
            thing.delete()
    assert entry.revisions.count() == 1
    # Deleting the whole workspace (its service) still takes everything with it.
    workspace_delete(workspace=workspace)
    assert not Interaction.objects.filter(pk=entry.pk).exists()
    assert not InteractionRevision.objects.filter(interaction_id=entry.pk).exists()
