"""The relationships page narrowed to one child, for a family with more than one: only
the entries, concerns and action items about that child count, for the people with
something about them; a sibling's teacher is not "losing touch"."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils import timezone

from allies.log.models import Purpose
from allies.meetings import services
from allies.relationships.health import team_health
from tests.support import (
    UNKNOWN_ID,
    client_for,
    make_entry,
    make_member,
    make_student,
    make_user,
    make_workspace,
    page_of,
)

DAY = datetime.timedelta(days=1)


def _row(page: str, name: str) -> str:
    start = page.index(f">{name}</a>")
    return page[start : page.index("</tr>", start)]


def _family(workspace: Any, alice: Any) -> dict[str, Any]:
    maya = make_student(workspace, "Maya")
    leo = make_student(workspace, "Leo")
    lee = make_member(workspace, "Ms. Lee", cadence_days=1)  # Maya's teacher; overdue
    park = make_member(workspace, "Mr. Park")  # Leo's teacher
    now = timezone.now()
    thanks = int(Purpose.APPRECIATION)
    make_entry(workspace, alice, [lee], student=maya, occurred_at=now - 2 * DAY, purposes=thanks)
    make_entry(workspace, alice, [lee], student=maya, occurred_at=now - 3 * DAY)
    # With Ms. Lee about Leo, later than anything about Maya: not Maya's last contact.
    make_entry(workspace, alice, [lee, park], student=leo, occurred_at=now - DAY)
    make_entry(workspace, alice, [park], occurred_at=now - 5 * DAY)  # about no child
    return {"maya": maya, "leo": leo, "lee": lee, "park": park}


def test_narrowed_figures_count_only_that_child_s_entries(workspace: Any, alice: Any) -> None:
    f = _family(workspace, alice)
    whole = team_health(workspace).by_member()
    assert whole[f["lee"].pk].positive == 1
    assert timezone.localtime(whole[f["lee"].pk].last_contact).date() == (
        timezone.localdate() - DAY
    )
    maya = team_health(workspace, student=f["maya"].pk, series=True)
    assert [h.member.name for h in maya.members] == ["Ms. Lee"]
    (lee,) = maya.members
    assert lee.days_since == 2  # the entry about Leo yesterday does not count
    assert lee.you_started == 2 and lee.positive == 1
    assert sum(row.contacts for row in maya.series) == 2
    assert maya.rollup.members == 1 and maya.rollup.positive == 1
    leo = team_health(workspace, student=f["leo"].pk, series=True)
    assert sorted(h.member.name for h in leo.members) == ["Mr. Park", "Ms. Lee"]
    assert sum(row.contacts for row in leo.series) == 1  # once, with two people


def test_the_page_offers_the_choice_and_narrows(workspace: Any, alice: Any) -> None:
    f = _family(workspace, alice)
    client = client_for(alice)
    page = page_of(client.get("/relationships/"))
    assert '<label for="id_student">Child</label>' in page
    assert ">Mr. Park</a>" in page and ">Ms. Lee</a>" in page
    narrowed = page_of(client.get(f"/relationships/?student={f['maya'].pk}"))
    assert "Relationships · Maya" in narrowed
    assert ">Mr. Park</a>" not in narrowed  # Leo's teacher
    assert "Counting only the entries, concerns and action items about Maya" in narrowed
    assert re.search(rf'<option value="{f["maya"].pk}" selected>Maya</option>', narrowed)
    # Sorting keeps the child; a check-in logged from here is about them.
    assert f"?sort=name&amp;student={f['maya'].pk}" in narrowed
    assert f"member={f['lee'].pk}&amp;purpose=32&amp;student={f['maya'].pk}" in narrowed


def test_a_member_with_only_a_concern_or_action_item_about_the_child_is_shown(
    workspace: Any, alice: Any
) -> None:
    f = _family(workspace, alice)
    ot = make_member(workspace, "Ms. Ortiz")
    nurse = make_member(workspace, "Nurse Kay")
    services.concern_raise(
        workspace=workspace, author=alice, title="Handwriting", invited=[ot], student=f["maya"]
    )
    services.action_item_add(
        workspace=workspace,
        author=alice,
        text="Send the chart",
        owner=nurse,
        student=f["maya"],
        due=timezone.localdate() - DAY,
    )
    page = page_of(client_for(alice).get(f"/relationships/?student={f['maya'].pk}"))
    assert "1 concern open" in _row(page, "Ms. Ortiz")
    assert "1 action item past due" in _row(page, "Nurse Kay")
    leo = page_of(client_for(alice).get(f"/relationships/?student={f['leo'].pk}"))
    assert ">Ms. Ortiz</a>" not in leo and ">Nurse Kay</a>" not in leo


def test_a_child_with_nothing_yet_says_so(workspace: Any, alice: Any) -> None:
    _family(workspace, alice)
    ada = make_student(workspace, "Ada")
    page = page_of(client_for(alice).get(f"/relationships/?student={ada.pk}"))
    assert "Nothing about Ada yet" in page
    assert "Show everyone on the team" in page


def test_another_workspace_s_child_or_nonsense_shows_everyone(workspace: Any, alice: Any) -> None:
    f = _family(workspace, alice)
    other = make_workspace(make_user("other@example.com"), name="Others")
    theirs = make_student(other, "Zoe")
    client = client_for(alice)
    for value in (theirs.pk, UNKNOWN_ID, "abc", "1e3", "-1", ""):
        response = client.get("/relationships/", {"student": value})
        assert response.status_code == 200, value
        page = page_of(response)
        assert ">Mr. Park</a>" in page and ">Ms. Lee</a>" in page, value
        assert "Zoe" not in page
    assert f["maya"].name in page


def test_one_child_is_no_choice(workspace: Any, alice: Any) -> None:
    only = make_student(workspace, "Sam")
    lee = make_member(workspace, "Ms. Lee")
    make_entry(workspace, alice, [lee])  # about no child
    page = page_of(client_for(alice).get(f"/relationships/?student={only.pk}"))
    assert 'id="id_student"' not in page
    assert ">Ms. Lee</a>" in page  # not narrowed: there is nothing to tell apart
