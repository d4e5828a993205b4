"""Home's team section is kept between loads, and never shown once anything in it changed.

Each test loads home (drawing and keeping the section), changes one thing the section
shows, loads again and checks the change is there: the kept section was not used.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from allies.home.fragments import team_section
from allies.log.services import interaction_withdraw
from allies.team.models import TeamMember
from allies.workspaces.models import Membership
from tests.support import client_for, make_entry, make_member

WINDOW_FIGURES = 'COUNT("log_participation"."id") FILTER'


def section(page: str) -> str:
    found = re.search(r'<section id="team-status".*?</section>', page, re.S)
    assert found, "home has no team section"
    return found.group(0)


def home(client: Any) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    return section(response.content.decode()), [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def team(alice: Any, workspace: Any) -> list[Any]:
    lee = make_member(workspace, "Ms. Lee", cadence_days=7)
    ray = make_member(workspace, "Mr. Ray", cadence_days=14)
    make_entry(workspace, alice, [lee], occurred_at=timezone.now() - datetime.timedelta(days=9))
    return [lee, ray]


def test_a_kept_section_is_the_one_drawn_and_skips_the_figures(alice: Any, team: Any) -> None:
    client = client_for(alice)
    client.get("/")  # the week's first load chooses the focus
    caches["fragments"].clear()
    drawn, first = home(client)
    kept, second = home(client)
    assert kept == drawn
    assert any(WINDOW_FIGURES in sql for sql in first)
    assert not any(WINDOW_FIGURES in sql for sql in second)
    assert len(second) == len(first) - 2  # the team is read; its figures are not


def test_a_new_entry_shows(alice: Any, workspace: Any, team: Any) -> None:
    client = client_for(alice)
    before, _ = home(client)
    assert "9 days ago" in before and "today" not in before
    make_entry(workspace, alice, [team[1]], occurred_at=timezone.now())
    after, _ = home(client)
    assert "(today)" in after


def test_a_withdrawn_entry_stops_counting(alice: Any, workspace: Any, team: Any) -> None:
    client = client_for(alice)
    entry = make_entry(workspace, alice, [team[1]], occurred_at=timezone.now())
    assert "(today)" in home(client)[0]
    interaction_withdraw(interaction=entry, author=alice, reason="Wrong person.")
    assert "(today)" not in home(client)[0]


def test_a_member_renamed_or_archived_shows(alice: Any, team: Any) -> None:
    client = client_for(alice)
    assert "Ms. Lee" in home(client)[0]
    lee = team[0]
    lee.name = "Dr. Lee"
    lee.save()
    after, _ = home(client)
    assert "Dr. Lee" in after and "Ms. Lee" not in after
    TeamMember.objects.filter(pk=lee.pk).update(active=False)  # even without save()
    assert "Dr. Lee" not in home(client)[0]


def test_a_member_s_rhythm_shows(alice: Any, team: Any) -> None:
    client = client_for(alice)
    assert "every 7 days" in home(client)[0]
    TeamMember.objects.filter(pk=team[0].pk).update(cadence_days=30)
    after, _ = home(client)
    assert "every 7 days" not in after and "Everyone is within their check-in rhythm" in after


def test_the_quick_add_s_who_follows_the_team(alice: Any, workspace: Any, team: Any) -> None:
    client = client_for(alice)
    client.get("/")
    make_member(workspace, "Nurse Joy")
    assert "Nurse Joy (" in client.get("/").content.decode()


def test_the_reader_s_language_shows(alice: Any, team: Any) -> None:
    client = client_for(alice)
    assert "The team" in home(client)[0]
    alice.language = "es"
    alice.save()
    spanish, _ = home(client)
    assert "The team" not in spanish and "El equipo" in spanish


def test_a_new_day_shows(alice: Any, team: Any, monkeypatch: Any) -> None:
    client = client_for(alice)
    assert "9 days ago" in home(client)[0]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert "10 days ago" in home(client)[0]


def test_each_time_zone_and_role_has_its_own(alice: Any, workspace: Any, team: Any) -> None:
    membership = Membership.objects.select_related("workspace").get(user=alice)
    today = datetime.date(2026, 3, 8)
    drawn, health = team_section(membership, today)
    assert health is not None
    assert team_section(membership, today)[1] is None  # kept
    with timezone.override("Asia/Tokyo"):
        assert team_section(membership, today)[1] is not None
    membership.role = Membership.Role.VIEWER
    assert team_section(membership, today)[1] is not None
    assert team_section(membership, today + datetime.timedelta(days=1))[1] is not None


def test_another_workspace_never_gets_it(alice: Any, team: Any, oscar: Any) -> None:
    home(client_for(alice))
    theirs = client_for(oscar).get("/").content.decode()
    assert "Ms. Lee" not in theirs and "Mr. Ray" not in theirs


def test_a_quick_add_refreshes_the_section_out_of_band(alice: Any, team: Any) -> None:
    client = client_for(alice)
    assert "(today)" not in home(client)[0]
    response = client.post(
        "/log/quick/",
        {"member": team[1].pk, "purpose": "1", "summary": "Said thanks."},
        HTTP_HX_REQUEST="true",
    )
    oob = section(response.content.decode())
    assert 'hx-swap-oob="true"' in oob and "(today)" in oob
    page, _ = home(client)
    assert "(today)" in page and "hx-swap-oob" not in page


def card(page: str) -> str:
    found = re.search(r'<section id="quick-add".*?</section>', page, re.S)
    assert found, "home has no quick add card"
    return found.group(0)


def test_the_kept_quick_add_card_is_the_form_s_with_this_request_s_tokens(
    alice: Any, workspace: Any, team: Any
) -> None:
    from django.template.loader import render_to_string

    from allies.log.forms import QuickAddForm, member_choices

    client = client_for(alice)
    pages = [client.get("/").content.decode() for _ in range(2)]  # drawn, then kept
    tokens = [re.search(r'name="form_token" value="(\w+)"', card(p)).group(1) for p in pages]
    assert tokens[0] != tokens[1]  # a new one-time token on every load
    for page, token in zip(pages, tokens, strict=True):
        csrf = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', card(page)).group(1)
        form = QuickAddForm(workspace=workspace, initial={"form_token": token})
        form.show_team(member_choices(sorted(team, key=lambda m: (m.name, m.pk))))
        expected = render_to_string(
            "home/_quick_add.html", {"quick_form": form, "csrf_token": csrf}
        )
        assert card(page) == card(expected)
    # The kept card's tokens work: the entry is saved once, a resent form is refused.
    sent = {"member": team[1].pk, "purpose": "1", "summary": "Hi.", "form_token": tokens[1]}
    assert client.post("/log/quick/", sent).status_code == 302
    client.post("/log/quick/", sent)
    assert team[1].interactions.count() == 1


def test_a_viewer_gets_no_quick_add_card(vera: Any, team: Any) -> None:
    page = client_for(vera).get("/").content.decode()
    assert 'id="quick-add"' not in page
    page = client_for(vera).get("/").content.decode()
    assert 'id="quick-add"' not in page


def latest(page: str) -> str:
    found = re.search(r'<section id="latest".*?</section>', page, re.S)
    assert found, "home has no latest entries"
    return found.group(0)


def test_the_latest_entries_follow_every_change(alice: Any, workspace: Any, team: Any) -> None:
    from allies.log.services import interaction_edit

    client = client_for(alice)
    lee, ray = team
    entry = make_entry(workspace, alice, [lee, ray], summary="Both of them.")
    first = latest(client.get("/").content.decode())
    assert latest(client.get("/").content.decode()) == first  # kept
    assert first.index("Ms. Lee") < first.index("Mr. Ray")
    # A new order of the people is no revision (log_seq stays), and still shows.
    interaction_edit(interaction=entry, author=alice, participants=[ray, lee])
    reordered = latest(client.get("/").content.decode())
    assert reordered.index("Mr. Ray") < reordered.index("Ms. Lee")
    TeamMember.objects.filter(pk=ray.pk).update(name="Dr. Ray")
    assert "Dr. Ray" in latest(client.get("/").content.decode())
    make_entry(workspace, alice, [lee], summary="A new one.", occurred_at=timezone.now())
    assert "A new one." in latest(client.get("/").content.decode())


def focus_card(page: str) -> str:
    found = re.search(r'<section id="weekly-focus".*?</section>', page, re.S)
    assert found, "home has no focus card"
    return found.group(0)


def test_the_kept_focus_card_follows_the_focus_and_takes_this_request_s_token(
    alice: Any, team: Any
) -> None:
    from django.test import Client

    from allies.relationships.models import WeeklyFocus

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    first = focus_card(client.get("/").content.decode())
    again = focus_card(client.get("/").content.decode())

    def untokened(card: str) -> str:  # Django masks the CSRF token anew on every page
        return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "TOKEN", card)

    assert untokened(again) == untokened(first) and again != first  # kept, a new mask
    assert "I&#x27;ll do it" in first or "I'll do it" in first
    focus = WeeklyFocus.objects.get()
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', first).group(1)
    accepted = client.post(f"/focus/{focus.pk}/accept/", {"csrfmiddlewaretoken": token})
    assert accepted.status_code == 302  # the kept card's token is this session's
    after = focus_card(client.get("/").content.decode())
    assert "Accepted" in after and after != first
    # Its forms come back to the page they were on.
    elsewhere = focus_card(client.get("/?from=menu").content.decode())
    assert 'name="next" value="/?from=menu"' in elsewhere


def test_a_viewer_s_focus_card_has_no_actions(alice: Any, vera: Any, team: Any) -> None:
    client_for(alice).get("/")  # an editor's card, kept
    theirs = focus_card(client_for(vera).get("/").content.decode())
    assert "<form" not in theirs
