"""Notes every URL the test Client reaches, for tests/test_url_coverage.py."""

from __future__ import annotations

from typing import Any

import pytest

from tests import urlcoverage

COVERAGE_TEST = "test_url_coverage.py::test_every_url_pattern_is_exercised_by_some_test"
WHOLE_SUITE = pytest.StashKey[bool]()
DESELECTED = pytest.StashKey[bool]()


def pytest_deselected(items: list[pytest.Item]) -> None:
    if items:
        items[0].config.stash[DESELECTED] = True


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The coverage check reads what every other test did, so it runs last.
    last = [item for item in items if item.nodeid.endswith(COVERAGE_TEST)]
    for item in last:
        items.remove(item)
    items.extend(last)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Decide whether this run is the whole core suite, and start recording."""
    collected = {item.path.resolve() for item in session.items}
    expected = urlcoverage.core_test_files()
    config = session.config
    narrowed = config.stash.get(DESELECTED, False) or any("::" in arg for arg in config.args)
    config.stash[WHOLE_SUITE] = bool(expected) and expected <= collected and not narrowed
    urlcoverage.install()


@pytest.fixture
def whole_suite(pytestconfig: Any) -> bool:
    """True when every core test was selected, so the URL coverage check is meaningful."""
    return bool(pytestconfig.stash.get(WHOLE_SUITE, False))
