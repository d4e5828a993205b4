"""The log keeps the order people were ticked (issue 9): through recording, editing and
closing a follow-up, on the cards and the entry page, while the seal lists people by id,
so that reordering is never a change of what an entry says."""

from __future__ import annotations

import importlib
import re
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from allies.log.models import Interaction, InteractionRevision, Participation
from allies.log.services import follow_up_close, interaction_edit, interaction_snapshot
from allies.workspaces.models import Workspace
from tests.support import (
    client_for,
    entry_data,
    entry_data_from,
    make_entry,
    make_member,
    minute,
    page_of,
)


@pytest.fixture
def lee(workspace: Any) -> Any:
    return make_member(workspace, "Ms. Lee")


@pytest.fixture
def oda(workspace: Any) -> Any:
    return make_member(workspace, "Mx. Oda")


@pytest.fixture
def park(workspace: Any) -> Any:
    return make_member(workspace, "Mr. Park")


def positions(entry: Any) -> list[tuple[str, int]]:
    rows = Participation.objects.filter(interaction=entry).order_by("position")
    return [(p.member.name, p.position) for p in rows.select_related("member")]


def names(entry: Any) -> list[str]:
    return [m.name for m in Interaction.objects.get(pk=entry.pk).people()]


def test_an_entry_keeps_its_people_in_the_order_given(
    alice: Any, workspace: Any, lee: Any, oda: Any
) -> None:
    entry = make_entry(workspace, alice, [oda, lee])
    assert positions(entry) == [("Mx. Oda", 0), ("Ms. Lee", 1)]
    assert names(entry) == ["Mx. Oda", "Ms. Lee"]


def test_an_edit_keeps_the_order_and_can_change_it(
    alice: Any, workspace: Any, lee: Any, oda: Any, park: Any
) -> None:
    entry = make_entry(workspace, alice, [oda, lee])
    interaction_edit(interaction=entry, author=alice, participants=[park, oda, lee], summary="New")
    assert names(entry) == ["Mr. Park", "Mx. Oda", "Ms. Lee"]
    interaction_edit(interaction=entry, author=alice, participants=[lee, park], summary="Newer")
    assert positions(entry) == [("Ms. Lee", 0), ("Mr. Park", 1)]


def test_reordering_people_is_no_revision_and_leaves_the_seal_as_it_was(
    alice: Any, workspace: Any, lee: Any, oda: Any
) -> None:
    entry = make_entry(workspace, alice, [oda, lee])
    sealed = InteractionRevision.objects.get(interaction=entry)
    # The snapshot lists the people by id, whatever their order.
    assert interaction_snapshot(entry, [oda, lee]) == interaction_snapshot(entry, [lee, oda])
    assert [p["id"] for p in sealed.data["participants"]] == sorted([lee.pk, oda.pk])

    interaction_edit(interaction=entry, author=alice, participants=[lee, oda])
    entry.refresh_from_db()
    assert entry.revision_count == 1
    assert InteractionRevision.objects.filter(interaction=entry).count() == 1
    assert Workspace.objects.get(pk=workspace.pk).log_seq == sealed.seq
    assert InteractionRevision.objects.get(interaction=entry).hash == sealed.hash
    # The new order is kept all the same: it is how the entry is shown, not what it says.
    assert names(entry) == ["Ms. Lee", "Mx. Oda"]


def test_the_seal_is_the_same_whatever_order_the_people_came_in(
    alice: Any, workspace: Any, lee: Any, oda: Any
) -> None:
    when = minute()
    one = make_entry(workspace, alice, [oda, lee], occurred_at=when)
    two = make_entry(workspace, alice, [lee, oda], occurred_at=when)
    first, second = (InteractionRevision.objects.get(interaction=e) for e in (one, two))
    assert first.data == second.data


def test_closing_a_follow_up_keeps_the_order(
    alice: Any, workspace: Any, lee: Any, oda: Any
) -> None:
    entry = make_entry(workspace, alice, [oda, lee], follow_up_due=minute().date())
    follow_up_close(interaction=entry, author=alice, done_on=minute())
    entry.refresh_from_db()
    assert entry.revision_count == 2
    assert names(entry) == ["Mx. Oda", "Ms. Lee"]


def test_the_entry_form_keeps_the_order_submitted(alice: Any, lee: Any, oda: Any) -> None:
    response = client_for(alice).post("/log/new/", entry_data([oda, lee]))
    assert response.status_code == 302
    assert names(Interaction.objects.get()) == ["Mx. Oda", "Ms. Lee"]


def test_editing_in_the_form_keeps_the_people_s_places_and_adds_new_ones_after(
    alice: Any, workspace: Any, lee: Any, oda: Any, park: Any
) -> None:
    entry = make_entry(workspace, alice, [oda, lee], occurred_at=minute())
    # The boxes post in the page's order (by name): that reorders no one.
    data = entry_data_from(entry, participants=[lee.pk, park.pk, oda.pk], summary="More.")
    response = client_for(alice).post(f"/log/{entry.pk}/edit/", data)
    assert response.status_code == 302
    assert names(entry) == ["Mx. Oda", "Ms. Lee", "Mr. Park"]


def test_cards_and_the_entry_page_show_people_in_their_order(
    alice: Any, workspace: Any, lee: Any, oda: Any
) -> None:
    entry = make_entry(workspace, alice, [oda, lee])
    client = client_for(alice)
    for url in ("/log/", "/", f"/team/{lee.pk}/"):
        page = page_of(client.get(url))
        assert "With Mx. Oda, Ms. Lee</p>" in page, url
    page = page_of(client.get(f"/log/{entry.pk}/"))
    with_ = re.search(r"<dt>With</dt><dd>(.*?)</dd>", page, re.S)
    assert with_ is not None
    assert with_.group(1).index("Mx. Oda") < with_.group(1).index("Ms. Lee")
    # Not prefetched, the card reads the same order.
    assert "With Mx. Oda, Ms. Lee</p>" in Interaction.objects.get(pk=entry.pk).card


# --- The migration: entries saved before there was an order ----------------------------


def number_by_name() -> None:
    migration = importlib.import_module("allies.log.migrations.0008_participation_position")
    migration.number_by_name(apps, SimpleNamespace(connection=connection))


def test_the_migration_numbers_each_entry_s_people_by_name(
    alice: Any, workspace: Any, lee: Any, oda: Any, park: Any
) -> None:
    three = make_entry(workspace, alice, [oda, park, lee])
    one = make_entry(workspace, alice, [oda])
    other_lee = make_member(workspace, "Ms. Lee")  # the same name: then by id
    two = make_entry(workspace, alice, [other_lee, lee])
    Participation.objects.update(position=0)  # as the new column left them
    number_by_name()
    assert positions(three) == [("Mr. Park", 0), ("Ms. Lee", 1), ("Mx. Oda", 2)]
    assert positions(one) == [("Mx. Oda", 0)]
    by_id = list(
        Participation.objects.filter(interaction=two)
        .order_by("position")
        .values_list("member", flat=True)
    )
    assert by_id == sorted([lee.pk, other_lee.pk])
