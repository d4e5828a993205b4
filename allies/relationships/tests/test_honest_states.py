"""Say what is true: no "On track" for someone never contacted, and an empty page that
says what to do first."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from allies.relationships.health import team_health
from tests.support import client_for, make_entry, make_member


def test_a_member_never_contacted_has_no_contact_yet_not_on_track(
    alice: Any, workspace: Any
) -> None:
    new = make_member(workspace, name="Mr. New", cadence_days=14)
    known = make_member(workspace, name="Ms. Known", cadence_days=14)
    make_entry(workspace, alice, [known], occurred_at=timezone.now() - datetime.timedelta(days=1))

    rows = {h.member.pk: h for h in team_health(workspace).members}

    assert (rows[new.pk].status_label, rows[new.pk].status_class) == ("No contact yet", "new")
    assert (rows[known.pk].status_label, rows[known.pk].status_class) == ("On track", "on_track")
    page = client_for(alice).get("/relationships/").content.decode()
    assert '<span class="status status-new">No contact yet</span>' in page
    home = client_for(alice).get("/").content.decode()
    assert "status-new" in home


def test_a_member_never_contacted_past_their_rhythm_is_still_due(
    alice: Any, workspace: Any
) -> None:
    late = make_member(workspace, cadence_days=7)
    type(late).objects.filter(pk=late.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    [row] = team_health(workspace).members
    assert (row.status_label, row.status_class) == ("Due", "due")


def test_the_empty_relationships_page_says_what_to_do_first(alice: Any, workspace: Any) -> None:
    page = client_for(alice).get("/relationships/").content.decode()
    assert "No one on the team yet" in page
    assert "Start by adding the people on the team" in page
    assert 'href="/team/new/"' in page


def test_a_team_with_nothing_logged_is_told_so(alice: Any, workspace: Any) -> None:
    make_member(workspace)
    page = client_for(alice).get("/relationships/").content.decode()
    assert "Nothing is logged yet" in page
    assert 'href="/log/new/"' in page


def test_a_viewer_is_not_offered_to_add_people(vera: Any, workspace: Any) -> None:
    page = client_for(vera).get("/relationships/").content.decode()
    assert "No one on the team yet" in page
    assert 'href="/team/new/"' not in page
