"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright's sync API runs an event loop in the test thread, so the ORM calls that set up
data need DJANGO_ALLOW_ASYNC_UNSAFE (the root conftest sets it). Under pytest-xdist each
worker process has its own Chromium, live server and test database.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Two shared cores: give a busy machine room before an expectation gives up.
EXPECT_TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # pytest-playwright's base_url fixture trips a pytest 9 deprecation warning that is
    # not ours to fix; keep it out of every run's summary.
    quiet = pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    )
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(quiet)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: run `make chromium` (Debian's chromium package)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "locale": "en-US",
        "timezone_id": settings.TIME_ZONE,
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture(scope="session", autouse=True)
def _expect_timeout() -> None:
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@pytest.fixture(scope="session", autouse=True)
def _close_connections_opened_under_playwright(playwright: Any) -> Iterator[None]:
    """Close the database connections opened while Playwright's event loop ran.

    While that loop runs, Django keeps this thread's connections in a separate, context-local
    store; pytest-django's final teardown cannot see them, and PostgreSQL then refuses to
    drop a test database that still has a session. This teardown runs before Playwright's.
    """
    yield
    connections.close_all()


@pytest.fixture
def server(live_server: Any) -> str:
    """The live server's base URL, without a trailing slash.

    pytest-django binds it to port 0 (unless --liveserver says otherwise), so the kernel
    picks a free port: each pytest-xdist worker has a server of its own.
    """
    return str(live_server.url).rstrip("/")


@pytest.fixture
def page(page: Page) -> Page:
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    return page


def log_in(context: BrowserContext, server: str, user: Any) -> None:
    """Give the browser a session for `user` without going through the login form."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server}])


@pytest.fixture
def login(context: BrowserContext, server: str) -> Callable[[Any], None]:
    """Log the default browser context in as a user: `login(alice)`."""
    return lambda user: log_in(context, server, user)


def tab_to(page: Page, selector: str, most: int) -> None:
    """Press Tab until `selector` has focus, failing after `most` presses."""
    target = page.locator(selector)
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} was not reached in {most} presses of Tab")
