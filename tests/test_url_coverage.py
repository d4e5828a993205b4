"""Every URL pattern of the project is exercised by some test.

The last test of the run compares the patterns in allies.urls with what the test Client
actually reached (see tests/urlcoverage.py). It only judges a run of the whole core
suite: with -k, a single file or a single test, most patterns are rightly never reached.
Leaving out the browser tests (-m "not browser") still runs the whole core suite, and
under pytest -n the check adds up what every worker reached.
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


def test_records_of_several_processes_add_up(tmp_path: Any) -> None:
    first, second = urlcoverage.Recorder(), urlcoverage.Recorder()
    first.note("home", 200)
    first.requests = 1
    second.note("home", 404)
    second.note("healthz", 200)
    second.requests = 2
    urlcoverage.dump(second, tmp_path / "gw1.json")
    (read,) = urlcoverage.gather(tmp_path, ["gw1"], timeout=1)
    total = urlcoverage.merged([first, read])
    assert total.seen == {"home": [200, 404], "healthz": [200]}
    assert total.requests == 3
    with pytest.raises(TimeoutError, match="gw2"):
        urlcoverage.gather(tmp_path, ["gw2"], timeout=0)


def test_a_login_bounce_or_an_error_does_not_count_as_exercised() -> None:
    recorder = urlcoverage.Recorder()
    recorder.note("home", 401)
    recorder.note("log_list", 404)
    recorder.note("healthz", 200)
    assert urlcoverage.missing({"home", "log_list", "healthz"}, recorder) == ["home", "log_list"]


def test_every_url_pattern_is_exercised_by_some_test(
    whole_suite: bool, request: pytest.FixtureRequest
) -> None:
    if not whole_suite:
        pytest.skip("judged only when the whole core suite runs (not with -k or a subset)")
    # The whole run's record: under pytest -n, every worker's (see tests/conftest.py). Asked
    # for only now: it waits for the other workers, which leave theirs only for a whole run.
    recorder = request.getfixturevalue("run_recorder")
    assert recorder.requests > 100, "the Client recorder saw almost nothing: is it installed?"
    untested = urlcoverage.missing(urlcoverage.url_patterns(), recorder)
    assert not untested, (
        "These URL patterns were never exercised with a successful response by any test; "
        "add at least a permission test for each: " + ", ".join(untested)
    )
