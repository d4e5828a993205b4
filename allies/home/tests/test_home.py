"""Home: the team's contact status and the latest entries of the current workspace."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import caches
from django.utils import timezone

from allies.log.services import interaction_withdraw
from allies.team.models import TeamMember
from allies.toolkit.drafts import update_month_offer
from tests.support import (
    COMPOSE,
    OWN_READ,
    ROLES,
    assert_outcome,
    assert_same_queries,
    client_for,
    make_entry,
    make_member,
    make_student,
    make_user,
    page_of,
    queries_for,
    seed_entries,
)


@pytest.mark.parametrize(
    ("role", "expected"),
    OWN_READ.items(),
)
def test_home_shows_each_person_their_own_workspace(
    personas: dict[str, Any], entry: Any, student: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/")
    assert_outcome(response, expected)
    if expected != 200:
        return
    html = response.content.decode()
    if role == "outsider":
        assert "<h1>Another family</h1>" in html
        for private in ("The Test family", entry.summary, "Sam T.", "Ms. Lee"):
            assert private not in html
    else:
        assert "<h1>The Test family</h1>" in html
        assert entry.summary in html
        assert "Sam T." in html
    # Only people who can write get the quick add.
    assert ('action="/log/quick/"' in html) is (role in ("owner", "editor"))


def test_a_user_without_a_workspace_is_sent_to_create_one(db: Any) -> None:
    response = client_for(make_user("lonely@example.com")).get("/")
    assert response.status_code == 302
    assert response["Location"] == "/workspaces/"


def test_home_lists_who_is_due_for_a_check_in(alice: Any, workspace: Any, member: Any) -> None:
    recent = make_member(workspace, "Dana Whitfield", cadence_days=14)
    make_entry(workspace, alice, [recent])
    quiet = make_member(workspace, "Dr. Alvarez", cadence_days=7)
    noon = timezone.localtime().replace(hour=12, minute=0)  # clear of DST changes
    make_entry(workspace, alice, [quiet], occurred_at=noon - datetime.timedelta(days=20))
    # Ms. Lee was added 20 days ago and never contacted: the silence counts from then.
    TeamMember.objects.filter(pk=member.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=20)
    )
    fresh = make_member(workspace, "Mr. New", cadence_days=14)  # added today: on track
    response = client_for(alice).get("/")
    due = [h.member.name for h in response.context["health"].losing_touch]
    # The longest silence against each one's rhythm first: 20 of 7 days, then 20 of 14.
    # Dana is within her rhythm, and so is someone added today.
    assert due == ["Dr. Alvarez", "Ms. Lee"]
    assert fresh.name not in due
    page = response.content.decode()
    assert "20 days since last contact" in page
    assert "No contact logged yet" in page


def test_withdrawn_entries_do_not_count_as_contact(
    alice: Any, workspace: Any, member: Any, entry: Any
) -> None:
    interaction_withdraw(interaction=entry, author=alice, reason="Wrong person.")
    response = client_for(alice).get("/")
    (contact,) = response.context["health"].members
    assert contact.last_contact is None
    assert entry.summary not in response.content.decode()


def test_home_shows_the_eight_latest_entries(alice: Any, workspace: Any, member: Any) -> None:
    seed_entries(workspace, alice, [member], 12)
    response = client_for(alice).get("/")
    assert len(response.context["latest"]) == 8


def test_home_runs_the_same_queries_at_10_and_1000_entries(
    alice: Any, workspace: Any, member: Any
) -> None:
    make_student(workspace)
    team = [member, make_member(workspace, "Dana Whitfield"), make_member(workspace, "Mr. Ray")]
    client = client_for(alice)
    seed_entries(workspace, alice, team[:2], 10)
    seed_entries(workspace, alice, team[2:], 10, tone="positive")
    client.get("/")  # the first request of a session does one-off work
    kept = caches["fragments"]
    kept.clear()  # the team section drawn, not kept (seed_entries seals no revision)
    small = queries_for(client, "/")
    seed_entries(workspace, alice, team[:2], 990)
    kept.clear()
    large = queries_for(client, "/")
    assert_same_queries("Home", small, large)
    # Kept, it reads the team and none of its figures.
    assert len(queries_for(client, "/")) == len(large) - 2


def test_healthz_says_ok_to_anyone(db: Any) -> None:
    response = client_for(None).get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("role", ROLES)
def test_healthz_answers_every_role(personas: dict[str, Any], role: str) -> None:
    assert client_for(personas[role]).get("/healthz").content == b"ok"


def test_a_form_sent_without_its_csrf_token_gets_a_page_in_the_app_s_look(alice: Any) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/workspaces/", {"name": "X", "kind": "family"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Please try again" in html and "<style" not in html


def test_signed_in_pages_are_not_stored_by_the_browser(alice: Any, workspace: Any) -> None:
    response = client_for(alice).get("/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


# --- From the toolkit: the monthly update and the focus card's links ------------------


def test_home_offers_the_monthly_update_only_in_its_window(
    alice: Any, vera: Any, member: Any
) -> None:
    offer = update_month_offer(timezone.localdate())
    if offer is not None:  # something to report in the month offered (often the last one)
        noon = datetime.datetime.combine(offer.replace(day=1), datetime.time(12))
        make_entry(member.workspace, alice, [member], occurred_at=timezone.make_aware(noon))
    page = page_of(client_for(alice).get("/"))
    if offer is None:
        assert "Time for the monthly update" not in page
        assert "/toolkit/monthly/" not in page
    else:
        assert "Time for the monthly update" in page
        assert f'href="/toolkit/monthly/?month={offer:%Y-%m}"' in page
    # Viewers cannot write it, so it is never offered to them.
    assert "/toolkit/monthly/" not in page_of(client_for(vera).get("/"))


def test_home_offers_no_monthly_update_without_a_team(alice: Any, workspace: Any) -> None:
    assert "/toolkit/monthly/" not in page_of(client_for(alice).get("/"))


def test_the_focus_card_links_the_guide_and_a_draft(alice: Any, workspace: Any) -> None:
    chet = make_member(workspace, "Mr. Chet", cadence_days=14)
    TeamMember.objects.filter(pk=chet.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    page = page_of(client_for(alice).get("/"))
    card = page[page.index('id="weekly-focus"') :]
    card = card[: card.index("</section>")]
    assert "Mr. Chet" in card
    assert '<a href="/guide/regular-positive-communication/">Why this helps</a>' in card
    link = re.search(
        r'<a role="button" class="secondary" href="([^"]*)">Write the message</a>', card
    )
    assert link
    target = urlsplit(html.unescape(link.group(1)))
    assert target.path == COMPOSE
    assert parse_qs(target.query) == {"kind": ["check_in"], "member": [str(chet.pk)]}
    # And the link opens that draft.
    draft = client_for(alice).get(html.unescape(link.group(1))).context["form"]
    assert draft.initial["kind"] == "check_in"
    assert draft.initial["recipients"] == [chet.pk]
