"""Every URL pattern of the project is exercised by some test.

The last test of the run compares the patterns in allies.urls with what the test Client
actually reached (see tests/urlcoverage.py). It only judges a run of the whole core
suite: with -k, a single file or a single test, most patterns are rightly never reached.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests import urlcoverage

# Known to exist: if the walk over allies.urls ever finds none of them, it is broken.
SOME_PATTERNS = {"home", "healthz", "login", "log_list", "entry_detail", "team_remove"}


def test_the_url_walk_finds_every_app_s_patterns() -> None:
    patterns = urlcoverage.url_patterns()
    assert patterns >= SOME_PATTERNS
    assert len(patterns) >= 30


def test_the_client_notes_the_pattern_of_each_response(db: Any) -> None:
    before = list(urlcoverage.RECORDER.seen.get("healthz", []))
    Client().get("/healthz")
    assert urlcoverage.RECORDER.seen["healthz"] == [*before, 200]


def test_a_login_bounce_or_an_error_does_not_count_as_exercised() -> None:
    recorder = urlcoverage.Recorder()
    recorder.note("home", 401)
    recorder.note("log_list", 404)
    recorder.note("healthz", 200)
    assert urlcoverage.missing({"home", "log_list", "healthz"}, recorder) == ["home", "log_list"]


def test_every_url_pattern_is_exercised_by_some_test(whole_suite: bool) -> None:
    if not whole_suite:
        pytest.skip("judged only when the whole core suite runs (not with -k or a subset)")
    recorder = urlcoverage.RECORDER
    assert recorder.requests > 100, "the Client recorder saw almost nothing: is it installed?"
    untested = urlcoverage.missing(urlcoverage.url_patterns(), recorder)
    assert not untested, (
        "These URL patterns were never exercised with a successful response by any test; "
        "add at least a permission test for each: " + ", ".join(untested)
    )
