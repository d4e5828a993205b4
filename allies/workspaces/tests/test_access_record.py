"""The record of access: each request that reached a workspace's records adds one line
(who, what, when), exports and checks say what they were, a refused or failed request
adds none, nothing in it can be changed, and only owners read it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from allies.workspaces.models import AccessRecord
from tests.support import (
    ROLES,
    assert_outcome,
    assert_same_queries,
    client_for,
    make_entry,
    make_member,
    page_of,
    queries_for,
)

OWNER_ONLY = {"owner": 200, "editor": 403, "viewer": 403, "outsider": 404, "anonymous": "login"}


def test_a_page_of_the_records_adds_one_line(workspace: Any, alice: Any, vera: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    entry = make_entry(workspace, alice, [lee])
    client_for(vera).get(f"/log/{entry.pk}/")
    (line,) = AccessRecord.objects.all()
    assert (line.workspace_id, line.user_id, line.who, line.action, line.what) == (
        workspace.pk,
        vera.pk,
        vera.email,
        "viewed",
        f"/log/{entry.pk}/",
    )


def test_no_search_words_reach_it(workspace: Any, alice: Any) -> None:
    client_for(alice).get("/log/", {"q": "speech therapy"})
    (line,) = AccessRecord.objects.all()
    assert line.what == "/log/"


def test_pages_without_records_and_refused_requests_add_nothing(
    workspace: Any, alice: Any, oscar: Any
) -> None:
    lee = make_member(workspace, "Ms. Lee")
    entry = make_entry(workspace, alice, [lee])
    client_for(alice).get("/accounts/preferences/")
    client_for(alice).get("/guide/")
    client_for(oscar).get(f"/log/{entry.pk}/")  # someone else's: 404
    client_for(None).get(f"/log/{entry.pk}/")  # signed out: to the login page
    client_for(alice).get("/log/987654321/")
    assert not AccessRecord.objects.filter(workspace=workspace).exists()


def test_a_write_is_not_a_read(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    client_for(alice).post(
        "/log/new/",
        {
            "participants": [lee.pk],
            "channel": "email",
            "direction": "sent",
            "purposes": ["1"],
            "tone": "positive",
            "summary": "Thanks",
            "occurred_at": "2026-12-01T10:00",
            "form_token": "t1",
        },
    )
    assert not AccessRecord.objects.exists()  # the log's revision is its record


def test_an_export_and_a_check_say_what_they_were(workspace: Any, alice: Any) -> None:
    client = client_for(alice)
    response = client.get("/log/export/", {"format": "csv", "start": "2026-01-01"})
    b"".join(response.streaming_content)
    line = AccessRecord.objects.get()
    assert (line.action, line.what) == ("exported", "log csv, 2026-01-01 – …")
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post("/log/export/verify/", {"file": SimpleUploadedFile("a.csv", b"x,y\n")})
    assert AccessRecord.objects.count() == 1  # not an export: refused, nothing checked


def test_the_database_refuses_to_change_a_line(workspace: Any, alice: Any) -> None:
    client_for(alice).get("/log/")
    line = AccessRecord.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE workspaces_accessrecord SET who = %s WHERE id = %s", ["x", line.pk])
    line.refresh_from_db()
    assert line.who == alice.email


def test_the_owner_reads_it_newest_first(workspace: Any, alice: Any, vera: Any) -> None:
    client_for(vera).get("/log/")
    client_for(vera).get("/meetings/")
    page = page_of(client_for(alice).get(f"/workspaces/{workspace.pk}/access/"))
    assert page.index("<code>/meetings/</code>") < page.index("<code>/log/</code>")
    assert vera.email in page
    detail = page_of(client_for(alice).get(f"/workspaces/{workspace.pk}/"))
    assert f'href="/workspaces/{workspace.pk}/access/"' in detail


@pytest.mark.parametrize("role", ROLES)
def test_only_owners_read_it(workspace: Any, personas: dict[str, Any], role: str) -> None:
    response = client_for(personas[role]).get(f"/workspaces/{workspace.pk}/access/")
    assert_outcome(response, OWNER_ONLY[role])


def test_its_page_runs_the_same_queries_at_any_length(workspace: Any, alice: Any) -> None:
    client = client_for(alice)
    client.get("/log/")
    url = f"/workspaces/{workspace.pk}/access/"
    few = queries_for(client, url)
    for _ in range(60):
        client.get("/log/")
    assert_same_queries("record of access", few, queries_for(client, url))


def test_a_line_goes_only_with_its_workspace(workspace: Any, alice: Any, vera: Any) -> None:
    from allies.workspaces.services import workspace_delete

    client_for(vera).get("/log/")
    line = AccessRecord.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM workspaces_accessrecord WHERE id = %s", [line.pk])
    assert AccessRecord.objects.filter(pk=line.pk).exists()
    vera.delete()  # the ORM sets user_id to NULL: allowed, and `who` keeps the address
    line.refresh_from_db()
    assert line.user_id is None and line.who == "vera@example.com"
    workspace_delete(workspace=workspace)
    assert not AccessRecord.objects.exists()
