"""Which URL patterns the test Client reached during this run, and which it never did.

Every response of `django.test.Client` is noted with the pattern it resolved to. A
pattern counts as exercised once some test got a response from it that was not an
error and not a bounce to the login page: a 404 or a login redirect alone proves only
that the door is shut, not that the view behind it works.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.exceptions import Resolver404

ROOT = Path(__file__).resolve().parent.parent
LOGIN_PREFIX = "/accounts/login/?"


@dataclass
class Recorder:
    """Status codes seen per URL pattern name."""

    seen: dict[str, list[int]] = field(default_factory=dict)
    requests: int = 0

    def note(self, name: str, status: int) -> None:
        self.seen.setdefault(name, []).append(status)

    def exercised(self) -> set[str]:
        return {name for name, statuses in self.seen.items() if any(s < 400 for s in statuses)}


RECORDER = Recorder()


def _pattern_key(name: str | None, route: str) -> str:
    return name or route


def install(recorder: Recorder = RECORDER) -> None:
    """Wrap Client.request so that every response is noted. Safe to call twice."""
    if getattr(Client.request, "_records_urls", False):
        return
    original = Client.request

    @functools.wraps(original)
    def request(self: Client, **environ: Any) -> Any:
        response = original(self, **environ)
        recorder.requests += 1
        try:
            match = response.resolver_match
            key = _pattern_key(match.url_name and match.view_name, match.route)
        except Resolver404:
            return response
        status = response.status_code
        if status in (301, 302) and response.get("Location", "").startswith(LOGIN_PREFIX):
            status = 401  # a login bounce does not show that the view works
        recorder.note(key, status)
        return response

    request._records_urls = True  # type: ignore[attr-defined]
    Client.request = request  # type: ignore[method-assign]


def _walk(
    patterns: Iterable[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            yield from _walk(pattern.url_patterns, route, f"{namespace}{ns}:" if ns else namespace)
        else:
            yield _pattern_key(pattern.name and namespace + pattern.name, route)


def url_patterns(urlconf: str = "allies.urls") -> set[str]:
    """Every pattern of the project's URLconf: its name, or its route if it has none."""
    return set(_walk(get_resolver(urlconf).url_patterns))


def missing(expected: set[str], recorder: Recorder) -> list[str]:
    return sorted(expected - recorder.exercised())


def merged(recorders: Iterable[Recorder]) -> Recorder:
    """One recorder that saw everything the given ones saw."""
    total = Recorder()
    for recorder in recorders:
        for name, statuses in recorder.seen.items():
            total.seen.setdefault(name, []).extend(statuses)
        total.requests += recorder.requests
    return total


def dump(recorder: Recorder, path: Path) -> None:
    """Leave what `recorder` saw in `path`, for another process of the same run to read.

    Written under another name, then renamed: a reader never sees half a file.
    """
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps({"seen": recorder.seen, "requests": recorder.requests}))
    os.replace(partial, path)


def gather(directory: Path, workers: Iterable[str], timeout: float = 900) -> list[Recorder]:
    """What each of `workers` (pytest-xdist ids such as gw1) saw, from their dumps in
    `directory`, waiting for any worker still running tests to finish and leave it."""
    waiting = {name: directory / f"{name}.json" for name in workers}
    deadline = time.monotonic() + timeout
    found = []
    while waiting:
        for name, path in list(waiting.items()):
            if path.exists():
                data = json.loads(path.read_text())
                found.append(Recorder(seen=data["seen"], requests=data["requests"]))
                del waiting[name]
        if waiting:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no URL record from {sorted(waiting)} after {timeout} s")
            time.sleep(0.2)
    return found


def core_test_files() -> set[Path]:
    """The test modules of the core suite: every app's tests and tests/, not the browser's."""
    files = set((ROOT / "allies").glob("*/tests/test_*.py"))
    files |= set((ROOT / "tests").glob("test_*.py"))
    return {f.resolve() for f in files}
