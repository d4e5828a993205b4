"""Every calendar view, asked by each persona (tests.support.ROLES)."""

from __future__ import annotations

from typing import Any

import pytest
from icalendar import Calendar

from allies.calendar.models import CalendarFeed
from allies.calendar.services import calendar_feed_reset
from tests.support import LOGIN, OWN_READ, POST_ONLY, ROLES, assert_outcome, client_for

from .conftest import feed_path

RESET = "/accounts/calendar/reset/"
PAGE = "/accounts/calendar/"
# Either POST makes or changes one's own address: anyone signed in may.
OWN_POST = {"owner": 302, "editor": 302, "viewer": 302, "outsider": 302, "anonymous": LOGIN}


@pytest.mark.parametrize("role", ROLES)
def test_the_settings_page_is_one_s_own(personas: dict[str, Any], role: str) -> None:
    assert_outcome(client_for(personas[role]).get(PAGE), OWN_READ[role])


@pytest.mark.parametrize("role", ROLES)
def test_anyone_signed_in_can_make_their_own_address(personas: dict[str, Any], role: str) -> None:
    client = client_for(personas[role])
    assert_outcome(client.get(RESET), POST_ONLY[role])
    assert_outcome(client.post(RESET), OWN_POST[role])
    made = CalendarFeed.objects.filter(user=personas[role]).exists() if personas[role] else False
    assert made is (role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_the_names_setting_is_one_s_own(personas: dict[str, Any], role: str) -> None:
    response = client_for(personas[role]).post(PAGE, {"names_in_titles": "on"})
    assert_outcome(response, OWN_POST[role])


@pytest.mark.parametrize("role", ROLES)
def test_the_feed_shows_only_its_owner_s_workspaces(
    personas: dict[str, Any], dates: dict[str, Any], role: str
) -> None:
    """Alice's dates are in the feed of each member of her workspace, and not in Oscar's;
    the anonymous visitor has no feed, and asks Alice's address with no session."""
    user = personas[role]
    if user is None:
        response = client_for(None).get(feed_path(calendar_feed_reset(user=personas["owner"])))
        assert response.status_code == 200
        return
    response = client_for(None).get(feed_path(calendar_feed_reset(user=user)))
    assert response.status_code == 200
    uids = {str(e["uid"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    mine = f"meeting-{dates['coming'].pk}@allies"
    assert (mine in uids) is (role != "outsider")
