"""The keys some addresses carry never reach the log: a request that fails on a
personal link's page, a password reset link or a calendar feed is logged with the key
hidden."""

from __future__ import annotations

import io
import logging
from typing import Any

import pytest

from allies.core.logs import HIDDEN, HideKeys, without_keys
from allies.meetings import services
from tests.support import client_for

TOKEN = "eyJtIjoxLCJuIjoiYWJjIn0:1tXyZ9:Qk3mTnP0s"
FEED_KEY = "Vb3kQ9x_2mZpL0aR7tYw-A" + "h" * 43


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Internal Server Error: /confirm/12/{TOKEN}/", f"/confirm/12/{HIDDEN}/"),
        (f'"POST /confirm/12/{TOKEN}/ HTTP/1.1" 500', f"/confirm/12/{HIDDEN}/ HTTP"),
        (f"/es/confirm/3/{TOKEN}", f"/es/confirm/3/{HIDDEN}"),
        ("/password/reset/MTI/c3x5ab-0f9e8d7c6b5a/", f"/password/reset/MTI/{HIDDEN}/"),
        ("/password/reset/MTI/set-password/", f"/password/reset/MTI/{HIDDEN}/"),
        (f"Internal Server Error: /feeds/calendar/{FEED_KEY}.ics", f"/feeds/calendar/{HIDDEN}"),
        (f'"HEAD /feeds/calendar/{FEED_KEY}.ics HTTP/1.1" 200', f"/feeds/calendar/{HIDDEN} HTTP"),
        (f"/feeds/calendar/{FEED_KEY}.ics?x=1", f"/feeds/calendar/{HIDDEN}?x=1"),
    ],
)
def test_keys_are_hidden(text: str, expected: str) -> None:
    hidden = without_keys(text)
    assert expected in hidden
    assert TOKEN not in hidden and "c3x5ab" not in hidden and FEED_KEY[:22] not in hidden


def test_other_paths_are_left_as_they_are() -> None:
    for text in (
        "Internal Server Error: /meetings/12/",
        "Bad Gateway: /toolkit/compose/",
        "Internal Server Error: /accounts/calendar/reset/",
    ):
        assert without_keys(text) == text


def test_a_link_page_that_fails_is_logged_without_its_key(db: Any, monkeypatch: Any) -> None:
    def broken(token: str, meeting_id: int) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "confirmation_request_for", broken)
    # The handler the settings configure, writing where the test can read.
    (console,) = [
        h
        for h in logging.getLogger("django.request").handlers
        if any(isinstance(f, HideKeys) for f in h.filters)
    ]
    assert isinstance(console, logging.StreamHandler)
    written = io.StringIO()
    original = console.setStream(written)
    try:
        client = client_for(None)
        client.raise_request_exception = False
        response = client.get(f"/confirm/12/{TOKEN}/")
    finally:
        console.setStream(original)
    assert response.status_code == 500
    logged = written.getvalue()
    assert f"Internal Server Error: /confirm/12/{HIDDEN}/" in logged
    assert TOKEN not in logged


def test_a_calendar_feed_that_fails_is_logged_without_its_key(alice: Any, monkeypatch: Any) -> None:
    from allies.calendar import keys, views
    from allies.calendar.services import calendar_feed_reset

    feed = calendar_feed_reset(user=alice)
    key = keys.key_for(feed.nonce)

    def broken(feed: Any, *, base: str) -> bytes:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(views, "feed_ics", broken)
    (console,) = [
        h
        for h in logging.getLogger("django.request").handlers
        if any(isinstance(f, HideKeys) for f in h.filters)
    ]
    assert isinstance(console, logging.StreamHandler)
    written = io.StringIO()
    original = console.setStream(written)
    try:
        client = client_for(None)
        client.raise_request_exception = False
        response = client.get(f"/feeds/calendar/{key}.ics")
    finally:
        console.setStream(original)
    assert response.status_code == 500
    logged = written.getvalue()
    assert f"Internal Server Error: /feeds/calendar/{HIDDEN}" in logged
    assert key not in logged and feed.nonce not in logged
