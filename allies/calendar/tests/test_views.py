"""The feed's address: who reaches what, resetting it, its headers, its query count."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

import pytest
from django.utils import timezone
from icalendar import Calendar

from allies.calendar import keys
from allies.calendar.models import CalendarFeed
from allies.calendar.services import calendar_feed_configure, calendar_feed_reset
from allies.meetings.models import ActionItem, Meeting
from allies.students.models import Student
from tests.support import (
    LOGIN,
    assert_same_queries,
    client_for,
    make_member,
    make_user,
    make_workspace,
    messages_of,
    page_of,
    queries_for,
    seed_entries,
    spanish,
)

from .conftest import feed_path

RESET = "/accounts/calendar/reset/"
PAGE = "/accounts/calendar/"
# Either reset POST makes one's own address: anyone signed in may.
OWN_POST = {"owner": 302, "editor": 302, "viewer": 302, "outsider": 302, "anonymous": LOGIN}


def address_on(page: str) -> str:
    found = re.search(r'<input type="text" id="feed-address" value="([^"]+)"', page)
    assert found, "no address on the page"
    return html.unescape(found.group(1))


def test_the_page_makes_nothing_until_asked_then_shows_a_working_address(alice: Any) -> None:
    client = client_for(alice)
    page = page_of(client.get(PAGE))
    assert "Make my calendar address" in page and "feed-address" not in page
    assert not CalendarFeed.objects.exists()
    response = client.post(RESET, follow=True)
    assert messages_of(response) == [
        "Your calendar feed is ready: add its address to your calendar app."
    ]
    address = address_on(page_of(response))
    assert address.startswith("http://testserver/feeds/calendar/") and address.endswith(".ics")
    # Nothing about the person in it but the key: no id, no email, no name.
    key = address.removeprefix("http://testserver/feeds/calendar/").removesuffix(".ics")
    assert keys.nonce_of(key) is not None
    assert str(alice.pk) not in address.split("/")[-2:-1]
    assert f'href="webcal://testserver/feeds/calendar/{key}.ics"' in page_of(response)
    assert client_for(None).get(address.removeprefix("http://testserver")).status_code == 200
    # The page shows the same address again on every visit.
    assert address_on(page_of(client.get(PAGE))) == address


def test_a_reset_address_stops_at_once_with_a_plain_message_and_changes_nothing(
    alice: Any, feed: Any
) -> None:
    old = feed_path(feed)
    assert client_for(None).get(old).status_code == 200
    response = client_for(alice).post(RESET, follow=True)
    assert messages_of(response) == [
        "Your calendar feed has a new address. The old one stopped working: subscribe "
        "again with this one wherever you used it."
    ]
    new = address_on(page_of(response)).removeprefix("http://testserver")
    assert new != old
    row = CalendarFeed.objects.get()
    gone = client_for(None).get(old)
    assert gone.status_code == 404
    assert gone["Content-Type"] == "text/plain; charset=utf-8"
    assert gone.content.decode() == (
        "This calendar address does not work: it was reset, or it never existed. "
        "The current address is on the Calendar feed page of your Allies settings.\n"
    )
    assert gone["Cache-Control"] == "private" and gone["X-Robots-Tag"] == "noindex"
    # Asking the old address changed nothing: the same row, the same new address.
    after = CalendarFeed.objects.get()
    assert (after.nonce, after.made_at) == (row.nonce, row.made_at)
    assert client_for(None).get(new).status_code == 200


def test_the_gone_message_is_in_the_asker_s_language(alice: Any, feed: Any) -> None:
    old = feed_path(feed)
    calendar_feed_reset(user=alice)
    response = client_for(None).get(old, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    assert response.content.decode().startswith("Esta dirección de calendario no funciona")


@pytest.mark.parametrize(
    "key",
    [
        "x",
        "A" * 65,  # well formed, no such nonce
        "A" * 64 + "!",
        "A" * 66,
        "A" * 5000,
        "%00" * 30,
        "' OR 1=1 --",
    ],
)
def test_a_key_that_is_not_one_is_a_404_never_a_500(db: Any, key: str) -> None:
    response = client_for(None).get(f"/feeds/calendar/{key}.ics")
    assert response.status_code == 404


def test_the_nonce_from_the_database_is_not_enough(feed: Any) -> None:
    """Someone who reads the database knows the nonce, not the secret key's HMAC of it."""
    forged = feed.nonce + "A" * keys.MAC_CHARS
    assert client_for(None).get(f"/feeds/calendar/{forged}.ics").status_code == 404


def test_a_previous_secret_key_keeps_addresses_working(feed: Any, settings: Any) -> None:
    path = feed_path(feed)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    assert client_for(None).get(path).status_code == 404
    settings.SECRET_KEY_FALLBACKS = [old]
    assert client_for(None).get(path).status_code == 200


def test_a_deactivated_account_s_feed_stops(feed: Any, alice: Any) -> None:
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert client_for(None).get(feed_path(feed)).status_code == 404


def test_the_feed_needs_no_session_and_is_marked_private(feed: Any) -> None:
    response = client_for(None).get(feed_path(feed))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private"
    assert response["X-Robots-Tag"] == "noindex"
    assert "Set-Cookie" not in response and not response.cookies
    Calendar.from_ical(response.content)


def test_the_key_decides_whose_feed_it_is_not_the_session(
    feed: Any, oscar: Any, workspace: Any
) -> None:
    from tests.support import make_student

    make_student(workspace, annual_review_due=timezone.localdate())
    # Oscar's browser, Alice's address: Alice's dates (the key is the credential).
    via_oscar = client_for(oscar).get(feed_path(feed))
    via_nobody = client_for(None).get(feed_path(feed))
    assert via_oscar.status_code == 200
    uids = [str(e["uid"]) for e in Calendar.from_ical(via_oscar.content).walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in Calendar.from_ical(via_nobody.content).walk("VEVENT")]
    assert uids


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_the_feed_answers_only_get_and_head(feed: Any, method: str) -> None:
    response = getattr(client_for(None), method)(feed_path(feed))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_head_gives_the_headers_without_the_body(feed: Any) -> None:
    response = client_for(None).head(feed_path(feed))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content == b""


def test_the_names_setting_is_off_until_turned_on(alice: Any, feed: Any) -> None:
    client = client_for(alice)
    page = page_of(client.get(PAGE))
    assert 'name="names_in_titles"' in page
    assert 'for="id_names_in_titles"' in page
    assert "checked" not in page.split('name="names_in_titles"')[1].split(">")[0]
    response = client.post(PAGE, {"names_in_titles": "on"}, follow=True)
    assert messages_of(response) == ["Your calendar feed settings are saved."]
    feed.refresh_from_db()
    assert feed.names_in_titles
    client.post(PAGE, {})
    feed.refresh_from_db()
    assert not feed.names_in_titles


def test_the_page_is_in_spanish(alice: Any, feed: Any) -> None:
    page = page_of(client_for(spanish(alice)).get(PAGE))
    assert "Restablecer la dirección" in page
    assert "Nombrar al niño o la niña en los títulos de los eventos" in page


def test_the_settings_page_links_to_the_feed_page(alice: Any) -> None:
    assert 'href="/accounts/calendar/"' in page_of(client_for(alice).get("/accounts/settings/"))


def _big_family(owner: Any, n: int) -> None:
    """`n` students with IEP dates, `n` meetings, action items and follow-ups, in each of
    three workspaces."""
    today = timezone.localdate()
    for w in range(3):
        workspace = make_workspace(owner, name=f"Family {w}")
        member = make_member(workspace, "Ms. Lee")
        students = Student.all_objects.bulk_create(
            Student(
                workspace=workspace,
                name=f"Kid {i}",
                iep_start=today - datetime.timedelta(days=100 + i),
                annual_review_due=today + datetime.timedelta(days=i + 1),
                reevaluation_due=today + datetime.timedelta(days=200 + i),
            )
            for i in range(n)
        )
        Meeting.objects.bulk_create(
            Meeting(
                workspace=workspace,
                student=students[i],
                starts_at=timezone.now() + datetime.timedelta(days=i + 1),
            )
            for i in range(n)
        )
        ActionItem.objects.bulk_create(
            ActionItem(
                workspace=workspace,
                student=students[i],
                text=f"Task {i}",
                owner=member,
                due=today + datetime.timedelta(days=i),
            )
            for i in range(n)
        )
        seed_entries(workspace, owner, [member], n, follow_up_due=today)


@pytest.mark.parametrize("names", [False, True])
def test_the_feed_runs_the_same_queries_for_one_family_or_many(db: Any, names: bool) -> None:
    """With names on too: titles then read each date's student and workspace."""
    small_user, large_user = make_user("small@example.com"), make_user("large@example.com")
    _big_family(small_user, 1)
    _big_family(large_user, 60)
    small_feed, large_feed = (
        calendar_feed_configure(user=u, names_in_titles=names) for u in (small_user, large_user)
    )
    client = client_for(None)
    small = queries_for(client, feed_path(small_feed))
    large = queries_for(client, feed_path(large_feed))
    assert_same_queries("The calendar feed", small, large)
    assert len(small) == 5
    events = Calendar.from_ical(client.get(feed_path(large_feed)).content).walk("VEVENT")
    assert len(events) > 3 * 60 * 4
