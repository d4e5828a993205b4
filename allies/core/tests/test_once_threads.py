"""Saves happen once with submits at the same moment: threads post one form's token at
once, as a double click or a browser's retry does against the server's threads.

On SQLite the threads need a database file, as the server has: the test database is in
memory, where threads block each other by table instead of queueing for the write lock.
`shared_db` copies it into a file for the test. On PostgreSQL each thread has its own
connection to the test database, as each of the server's threads does.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client

from allies.core.models import FormClaim
from allies.log.models import Interaction, InteractionRevision
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.services import membership_add
from tests.support import (
    client_for,
    entry_data,
    make_member,
    make_user,
    make_workspace,
    member_data,
    student_data,
)

THREADS = 8
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "quick-add"}


@pytest.fixture
def shared_db(transactional_db: Any, tmp_path: Path) -> Iterator[None]:
    """The test database where threads see each other's commits (see the module's doc)."""
    if connection.vendor != "sqlite":
        yield
        return
    memory = connections[DEFAULT_DB_ALIAS]
    memory.ensure_connection()
    path = tmp_path / "threads.sqlite3"
    with sqlite3.connect(path) as copy:
        memory.connection.backup(copy)
    copy.close()
    # Threads open their connections from these settings; the memory database's own
    # connection keeps its settings, so that nothing closes it (which would drop it).
    in_memory = connections.settings[DEFAULT_DB_ALIAS]
    connections.settings[DEFAULT_DB_ALIAS] = {**in_memory, "NAME": str(path)}
    connections[DEFAULT_DB_ALIAS] = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS].close()
        connections.settings[DEFAULT_DB_ALIAS] = in_memory
        connections[DEFAULT_DB_ALIAS] = memory


def at_once(clients: list[Client], send: Callable[[Client], Any]) -> list[Any]:
    """What `send` answers for each client, all of them let go at the same moment;
    an exception raised by a view is its thread's answer."""
    start = threading.Barrier(len(clients), timeout=60)
    answers: list[Any] = [None] * len(clients)

    def run(n: int) -> None:
        try:
            start.wait()
            answers[n] = send(clients[n])
        except BaseException as exc:  # noqa: BLE001  # reported by the test, not lost
            answers[n] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a submit never finished"
    return answers


def a_family() -> tuple[Any, Any, Any]:
    alice = make_user("alice@example.com", display_name="Alice")
    workspace = make_workspace(alice)
    return alice, workspace, make_member(workspace)


def test_eight_quick_adds_of_one_form_at_once_make_one_entry(shared_db: None) -> None:
    alice, workspace, lee = a_family()
    data = {"member": lee.pk, "purpose": "1", "summary": "Thanks!", "form_token": "one-form"}
    clients = [client_for(alice) for _ in range(THREADS)]

    answers = at_once(clients, lambda c: c.post("/log/quick/", data))

    assert [a.status_code for a in answers] == [302] * THREADS, answers
    entry = Interaction.objects.get()
    assert InteractionRevision.objects.count() == 1
    assert FormClaim.objects.get().made_url == f"/log/{entry.pk}/"
    # The first goes home, as a quick add does; every other finds the entry it made.
    places = sorted(a["Location"] for a in answers)
    assert places == ["/"] + [f"/log/{entry.pk}/"] * (THREADS - 1)


def test_eight_htmx_quick_adds_at_once_show_one_saved_and_the_rest_the_link(
    shared_db: None,
) -> None:
    alice, _workspace, lee = a_family()
    data = {"member": lee.pk, "purpose": "1", "summary": "Thanks!", "form_token": "one-form"}
    clients = [client_for(alice) for _ in range(THREADS)]

    answers = at_once(clients, lambda c: c.post("/log/quick/", data, **HTMX))

    assert [a.status_code for a in answers] == [200] * THREADS, answers
    entry = Interaction.objects.get()
    pages = [a.content.decode() for a in answers]
    assert sum("Logged: contact with" in page for page in pages) == 1
    link = f'This entry was already saved. <a href="/log/{entry.pk}/">'
    assert sum(link in page for page in pages) == THREADS - 1


def test_eight_full_entry_forms_at_once_make_one_entry(shared_db: None) -> None:
    alice, _workspace, lee = a_family()
    data = entry_data([lee], summary="Asked about the plan.", form_token="one-form")
    clients = [client_for(alice) for _ in range(THREADS)]

    answers = at_once(clients, lambda c: c.post("/log/new/", data))

    assert [a.status_code for a in answers] == [302] * THREADS, answers
    entry = Interaction.objects.get()
    assert {a["Location"] for a in answers} == {f"/log/{entry.pk}/"}
    assert entry.revisions.count() == 1


@pytest.mark.parametrize(
    ("url", "data", "model"),
    [
        ("/team/new/", member_data(), TeamMember),
        ("/students/new/", student_data(name="Kim R."), Student),
    ],
    ids=["team member", "student"],
)
def test_other_create_forms_posted_at_once_make_one(
    shared_db: None, url: str, data: dict[str, Any], model: Any
) -> None:
    alice, workspace, _lee = a_family()
    before = model.objects.filter(workspace=workspace).count()
    clients = [client_for(alice) for _ in range(THREADS)]

    answers = at_once(clients, lambda c: c.post(url, {**data, "form_token": "one-form"}))

    assert [a.status_code for a in answers] == [302] * THREADS, answers
    assert model.objects.filter(workspace=workspace).count() == before + 1


def test_one_token_from_two_users_at_once_makes_one_entry_each(shared_db: None) -> None:
    alice, workspace, lee = a_family()
    erin = make_user("erin@example.com")
    membership_add(workspace=workspace, user=erin, role="editor")
    data = {"member": lee.pk, "purpose": "1", "summary": "Thanks!", "form_token": "one-form"}
    clients = [client_for(user) for user in (alice, erin) * (THREADS // 2)]

    answers = at_once(clients, lambda c: c.post("/log/quick/", data))

    assert [a.status_code for a in answers] == [302] * THREADS, answers
    authors = sorted(Interaction.objects.values_list("author__email", flat=True))
    assert authors == ["alice@example.com", "erin@example.com"]
