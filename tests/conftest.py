"""Notes every URL the test Client reaches, for tests/test_url_coverage.py.

Under pytest-xdist (`pytest -n`), each worker process notes what its own tests reached;
at its end it leaves that in a folder the controller gives all workers, and the coverage
check, the last test of the run, adds up every worker's record before judging.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests import urlcoverage

COVERAGE_TEST = "test_url_coverage.py::test_every_url_pattern_is_exercised_by_some_test"
WHOLE_SUITE = pytest.StashKey[bool]()
DESELECTED = pytest.StashKey[bool]()
# Where xdist workers leave what they saw (the controller makes it and removes it).
SHARED = "allies_url_coverage_dir"
SHARED_DIR = pytest.StashKey[Path]()


def pytest_deselected(items: list[pytest.Item]) -> None:
    # Leaving out browser tests (-m "not browser") still runs the whole core suite.
    core = urlcoverage.core_test_files()
    if any(item.path.resolve() in core for item in items):
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
    # An xdist worker can add up every worker's record only if the controller said where.
    workerinput = getattr(config, "workerinput", None)
    shared = workerinput is None or SHARED in workerinput
    config.stash[WHOLE_SUITE] = bool(expected) and expected <= collected and not narrowed and shared
    urlcoverage.install()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """On the xdist controller: tell each worker where to leave what it saw.

    Only with xdist's default distribution (load), which hands the run's last test out
    last, once every other test is with some worker; with the others, the coverage
    check could wait for tests queued behind it on its own worker, so it is skipped.
    """
    config = node.config
    if config.option.dist != "load":
        return
    if SHARED_DIR not in config.stash:
        config.stash[SHARED_DIR] = Path(tempfile.mkdtemp(prefix="allies-url-coverage-"))
    node.workerinput[SHARED] = str(config.stash[SHARED_DIR])


def pytest_unconfigure(config: pytest.Config) -> None:
    if SHARED_DIR in config.stash:
        shutil.rmtree(config.stash[SHARED_DIR], ignore_errors=True)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """On an xdist worker: leave what this worker's tests reached for the coverage check."""
    workerinput = getattr(session.config, "workerinput", None)
    if workerinput and SHARED in workerinput and session.config.stash.get(WHOLE_SUITE, False):
        path = Path(workerinput[SHARED]) / f"{workerinput['workerid']}.json"
        urlcoverage.dump(urlcoverage.RECORDER, path)


@pytest.fixture
def whole_suite(pytestconfig: Any) -> bool:
    """True when every core test was selected, so the URL coverage check is meaningful."""
    return bool(pytestconfig.stash.get(WHOLE_SUITE, False))


@pytest.fixture
def run_recorder(pytestconfig: Any) -> urlcoverage.Recorder:
    """What the Client reached in this whole run.

    Without xdist, this process's record. On an xdist worker, this worker's record plus
    every other worker's, once they have all finished: the caller must be the run's last
    test, so that nothing is left for this worker to run meanwhile.
    """
    workerinput = getattr(pytestconfig, "workerinput", None)
    if workerinput is None:
        return urlcoverage.RECORDER
    others = {f"gw{i}" for i in range(workerinput["workercount"])} - {workerinput["workerid"]}
    shared = Path(workerinput[SHARED])
    return urlcoverage.merged([urlcoverage.RECORDER, *urlcoverage.gather(shared, others)])
