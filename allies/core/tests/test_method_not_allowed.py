"""A GET on an address that only takes a POST gets a page that explains, not a blank 405."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from django.http import HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, get_resolver

from allies.core.middleware import FriendlyMethodNotAllowedMiddleware
from tests.support import LOGIN, PASSWORD, assert_outcome, client_for

EXPLAINED = "It belongs to a button that sends a form"
# Some of the addresses that only take a POST, by the route the walk below gives them.
KNOWN_POST_ONLY = {
    "/accounts/logout/",
    "/log/quick/",
    "/workspaces/1/switch/",
    "/focus/1/accept/",
    "/focus/1/another/",
    "/focus/1/done/",
    "/log/1/follow-up-done/",
    "/toolkit/questions/add/",
    "/toolkit/meeting-questions/1/remove/",
    "/students/1/restore/",
}


def _routes(patterns: Iterable[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def every_path() -> list[str]:
    """Each URL pattern as a path, with 1 for an id and "x" for any other part."""
    paths = set()
    for route in _routes(get_resolver("allies.urls").url_patterns):
        path = re.sub(r"<int:\w+>", "1", route)
        path = re.sub(r"<(?:\w+:)?\w+>", "x", path)
        paths.add("/" + path)
    return sorted(paths)


def post_only_paths(client: Any) -> dict[str, Any]:
    found = {}
    for path in every_path():
        response = client.get(path)
        if response.status_code == 405:
            found[path] = response
    return found


def test_every_post_only_address_explains_itself_to_a_get(alice: Any, workspace: Any) -> None:
    found = post_only_paths(client_for(alice))
    assert set(found) >= KNOWN_POST_ONLY, "the walk over the URLs missed some"
    for path, response in found.items():
        html = response.content.decode()
        assert "POST" in response["Allow"], path
        if path != "/accounts/logout/":
            assert EXPLAINED in html, path
            assert 'href="/"' in html, path
        # The page is a page like any other: same security headers, not cached.
        assert "default-src 'self'" in response["Content-Security-Policy"], path
        assert response["X-Frame-Options"] == "DENY", path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert "no-store" in response["Cache-Control"], path


def test_head_is_answered_the_same_way(alice: Any, workspace: Any) -> None:
    response = client_for(alice).head("/log/quick/")
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert "Content-Security-Policy" in response


def test_other_methods_keep_the_plain_405(alice: Any, workspace: Any) -> None:
    response = client_for(alice).put("/log/quick/")
    assert response.status_code == 405
    assert EXPLAINED not in response.content.decode()


def test_logging_out_from_a_link_offers_the_button(alice: Any) -> None:
    response = client_for(alice).get("/accounts/logout/")
    assert response.status_code == 405
    html = response.content.decode()
    assert "Log out?" in html
    main = html.split("<main", 1)[1]
    assert 'action="/accounts/logout/"' in main and "csrfmiddlewaretoken" in main


def test_logging_out_from_a_link_when_logged_out_offers_to_log_in(db: Any) -> None:
    response = client_for(None).get("/accounts/logout/")
    assert response.status_code == 405
    html = response.content.decode()
    assert "You are logged out" in html
    assert 'href="/accounts/login/"' in html.split("<main", 1)[1]


@pytest.mark.parametrize(
    ("referer", "back"),
    [
        ("http://testserver/log/?q=reading", True),
        ("https://evil.example/log/", False),
        ("http://testserver/log/quick/", False),  # the same address: no way back there
        ("", False),
    ],
)
def test_the_page_leads_back_only_within_the_site(
    alice: Any, workspace: Any, referer: str, back: bool
) -> None:
    extra = {"HTTP_REFERER": referer} if referer else {}
    html = client_for(alice).get("/log/quick/", **extra).content.decode()
    assert (">Go back</a>" in html) is back
    assert "evil.example" not in html
    if back:
        assert 'href="http://testserver/log/?q=reading"' in html


def test_logging_in_on_the_way_to_a_button_s_address_ends_on_the_page(
    alice: Any, workspace: Any
) -> None:
    client = client_for(None)
    bounce = client.get("/log/quick/")
    assert_outcome(bounce, LOGIN)
    response = client.post(
        bounce["Location"],
        {"username": "alice@example.com", "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/log/quick/"
    assert response.status_code == 405
    assert EXPLAINED in response.content.decode()


def test_a_405_to_a_post_is_left_alone(rf: Any) -> None:
    refused = HttpResponseNotAllowed(["GET"])
    middleware = FriendlyMethodNotAllowedMiddleware(lambda request: refused)
    assert middleware(rf.post("/healthz")) is refused
    assert middleware(rf.get("/healthz")) is not refused
