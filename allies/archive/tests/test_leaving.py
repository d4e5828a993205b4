"""Leaving with everything, and leaving: the backup download, taking everything, deleting a
workspace or an account with a grace period, bringing them back, the purge, the privacy
page — and who may do each."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from allies.accounts.models import User
from allies.archive.backup import restore
from allies.archive.leaving import account_leave, purge, workspace_delete_later
from allies.archive.tests.test_backup import empty_install
from allies.log.chain import chain_verify
from allies.log.models import Interaction, InteractionRevision
from allies.workspaces.models import AccessRecord, Membership, Workspace
from allies.workspaces.services import GRACE, membership_add
from tests.support import (
    ANYONE,
    LOGIN,
    OWN_READ,
    OWNER_READ,
    PASSWORD,
    POST_ONLY,
    ROLES,
    assert_outcome,
    client_for,
    make_entry,
    make_member,
    make_user,
    make_workspace,
    page_of,
)

OWNER_DOWNLOAD = OWNER_READ
OWNER_DELETE = {"owner": 302, "editor": 403, "viewer": 403, "outsider": 404, "anonymous": LOGIN}


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


# ------------------------------------------------------------------------- permissions


@pytest.mark.parametrize("role", ROLES)
def test_only_owners_download_a_backup(personas: dict[str, Any], workspace: Any, role: str) -> None:
    response = client_for(personas[role]).get(f"/workspaces/{workspace.pk}/backup/")
    assert_outcome(response, OWNER_DOWNLOAD[role])
    if role == "owner":
        assert response["Content-Disposition"].startswith('attachment; filename="allies-backup-')
        assert json.loads(_body(response).splitlines()[0])["scope"] == "workspace"


@pytest.mark.parametrize("role", ROLES)
def test_only_owners_open_the_delete_page(
    personas: dict[str, Any], workspace: Any, role: str
) -> None:
    response = client_for(personas[role]).get(f"/workspaces/{workspace.pk}/delete/")
    assert_outcome(response, OWNER_READ[role])


@pytest.mark.parametrize("role", ROLES)
def test_only_owners_delete(personas: dict[str, Any], workspace: Any, role: str) -> None:
    response = client_for(personas[role]).post(
        f"/workspaces/{workspace.pk}/delete/", {"name": workspace.name}
    )
    assert_outcome(response, OWNER_DELETE[role])
    workspace.refresh_from_db()
    assert (workspace.deleted_at is not None) == (role == "owner")


@pytest.mark.parametrize("role", ROLES)
def test_only_an_owner_brings_a_deleted_workspace_back(
    personas: dict[str, Any], workspace: Any, alice: Any, role: str
) -> None:
    workspace_delete_later(workspace=workspace, by=alice)
    response = client_for(personas[role]).post(f"/workspaces/{workspace.pk}/bring-back/")
    # Nobody else may learn that it exists, deleted or not.
    expected = {"owner": 302, "editor": 404, "viewer": 404, "outsider": 404, "anonymous": LOGIN}
    assert_outcome(response, expected[role])
    workspace.refresh_from_db()
    assert (workspace.deleted_at is None) == (role == "owner")


@pytest.mark.parametrize("role", ROLES)
def test_bring_back_only_takes_a_post(personas: dict[str, Any], workspace: Any, role: str) -> None:
    response = client_for(personas[role]).get(f"/workspaces/{workspace.pk}/bring-back/")
    assert_outcome(response, POST_ONLY[role])


@pytest.mark.parametrize("path", ["/accounts/everything/", "/accounts/delete/"])
@pytest.mark.parametrize("role", ROLES)
def test_anyone_signed_in_takes_everything_or_deletes_their_account(
    personas: dict[str, Any], role: str, path: str
) -> None:
    assert_outcome(client_for(personas[role]).get(path), OWN_READ[role])


@pytest.mark.parametrize("role", ROLES)
def test_the_privacy_page_is_for_everyone(personas: dict[str, Any], role: str) -> None:
    response = client_for(personas[role]).get("/privacy/")
    assert_outcome(response, ANYONE[role])
    assert "Who can see it" in page_of(response)


def test_the_leaving_page_sends_others_home(alice: Any) -> None:
    response = client_for(alice).get("/accounts/leaving/")
    assert response.status_code == 302 and response["Location"] == "/"


# --------------------------------------------------------------------------- backups


def test_a_downloaded_backup_restores_and_is_in_the_record_of_access(
    alice: Any, workspace: Any
) -> None:
    make_entry(workspace, alice, [make_member(workspace)], summary="<b>kept</b> as typed")
    raw = _body(client_for(alice).get(f"/workspaces/{workspace.pk}/backup/"))
    record = AccessRecord.objects.get(action=AccessRecord.Action.BACKED_UP)
    assert record.workspace_id == workspace.pk and record.who == alice.email
    assert "<b>kept</b> as typed" in raw.decode()
    empty_install()
    restore(io.BytesIO(raw))
    assert Interaction.objects.get().summary == "<b>kept</b> as typed"


def test_everything_holds_my_account_my_backups_and_the_logs_i_am_a_guest_in(
    alice: Any, workspace: Any, oscar: Any
) -> None:
    make_entry(workspace, alice, [make_member(workspace)], summary="ours")
    theirs = Workspace.objects.get(name="Another family")
    membership_add(workspace=theirs, user=alice, role="viewer")
    make_entry(theirs, oscar, [make_member(theirs)], summary="theirs, seen as a guest")

    response = client_for(alice).get("/accounts/everything/", {"download": "1"})

    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(_body(response)))
    names = set(archive.namelist())
    assert names == {
        "account.json",
        f"workspace-{workspace.pk}-backup.jsonl",
        f"workspace-{theirs.pk}-log.json",
    }
    account = json.loads(archive.read("account.json"))
    assert account["email"] == alice.email
    assert {w["role"] for w in account["workspaces"]} == {"owner", "viewer"}
    assert b"ours" in archive.read(f"workspace-{workspace.pk}-backup.jsonl")
    guest = json.loads(archive.read(f"workspace-{theirs.pk}-log.json"))
    assert [e["revisions"][-1]["data"]["summary"] for e in guest["entries"]] == [
        "theirs, seen as a guest"
    ]
    # Each workspace's record of access says it was taken.
    taken = AccessRecord.objects.filter(what="everything")
    assert {(r.workspace_id, r.action) for r in taken} == {
        (workspace.pk, AccessRecord.Action.BACKED_UP),
        (theirs.pk, AccessRecord.Action.EXPORTED),
    }


def test_everything_reads_a_constant_number_of_queries(alice: Any) -> None:
    counts = []
    for n in (1, 4):
        for i in range(n - len(Membership.objects.filter(user=alice))):
            make_workspace(alice, f"Workspace {i}")
        with CaptureQueriesContext(connection) as queries:
            client_for(alice).get("/accounts/everything/")
        counts.append(len(queries))
    assert counts[0] == counts[1], "the page must not read workspace by workspace"


# ------------------------------------------------------------------- deleting a workspace


def test_deleting_needs_the_name_typed_and_keeps_what_was_typed(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post(f"/workspaces/{workspace.pk}/delete/", {"name": "<wrong>"})
    assert response.status_code == 400
    page = page_of(response)
    assert "That is not the workspace" in page
    assert 'value="&lt;wrong&gt;"' in page
    workspace.refresh_from_db()
    assert workspace.deleted_at is None


def test_a_deleted_workspace_is_out_of_everyones_reach_and_its_owners_are_told(
    alice: Any, workspace: Any, erin: Any, entry: Any
) -> None:
    bob = make_user("bob@example.com", language="es")
    membership_add(workspace=workspace, user=bob, role="owner")

    response = client_for(alice).post(
        f"/workspaces/{workspace.pk}/delete/", {"name": workspace.name}
    )

    assert response["Location"] == "/workspaces/"
    for person in (alice, erin, bob):
        client = client_for(person)
        assert client.get(f"/log/{entry.pk}/").status_code == 404
        assert client.get(f"/workspaces/{workspace.pk}/").status_code == 404
    # The other owner is told, in their language; the deleter and the editor are not.
    assert [m.to for m in mail.outbox] == [["bob@example.com"]]
    assert "The Test family" in mail.outbox[0].subject
    assert "eliminó" in mail.outbox[0].body or "deleted" in mail.outbox[0].body
    # The owners see it among the deleted ones, with the day it goes for good.
    page = page_of(client_for(alice).get("/workspaces/"))
    assert "Deleted workspaces" in page and "Bring it back" in page


def test_a_workspace_brought_back_is_as_it_was(alice: Any, workspace: Any, entry: Any) -> None:
    head = chain_verify(workspace).head
    client = client_for(alice)
    client.post(f"/workspaces/{workspace.pk}/delete/", {"name": workspace.name})
    response = client.post(f"/workspaces/{workspace.pk}/bring-back/")
    assert response.status_code == 302
    assert client.get(f"/log/{entry.pk}/").status_code == 200
    assert chain_verify(workspace).head == head
    actions = set(AccessRecord.objects.values_list("action", flat=True))
    assert {AccessRecord.Action.DELETED, AccessRecord.Action.RESTORED} <= actions


def test_a_deleted_workspace_leaves_the_calendar_and_the_digest(
    alice: Any, workspace: Any, entry: Any
) -> None:
    workspace_delete_later(workspace=workspace, by=alice)
    assert not Membership.objects.filter(workspace=workspace).exists()
    assert Membership.everywhere.filter(workspace=workspace).exists()


# ------------------------------------------------------------------- deleting an account


def test_deleting_an_account_needs_the_password(alice: Any) -> None:
    response = client_for(alice).post("/accounts/delete/", {"password": "not it"})
    assert response.status_code == 400
    assert "That is not your password" in page_of(response)
    alice.refresh_from_db()
    assert alice.leaving_at is None


def test_leaving_deletes_what_one_alone_owns_and_tells_the_others(
    alice: Any, workspace: Any, oscar: Any
) -> None:
    shared = Workspace.objects.get(name="Another family")
    membership_add(workspace=shared, user=alice, role="owner")
    client = client_for(alice)

    response = client.post("/accounts/delete/", {"password": PASSWORD})

    assert response.status_code == 200
    assert "Your account will be deleted" in page_of(response)
    workspace.refresh_from_db()
    shared.refresh_from_db()
    assert workspace.deleted_at is not None, "alice alone owned it"
    assert shared.deleted_at is None, "oscar owns it too"
    assert [m.to for m in mail.outbox] == [["oscar@example.com"]]
    # Signed out: the old session no longer reaches anything.
    assert client.get("/").status_code == 302


def test_signing_in_while_leaving_offers_only_to_keep_the_account(
    alice: Any, workspace: Any
) -> None:
    account_leave(user=alice)
    client = client_for(alice)
    home = client.get("/")
    assert home.status_code == 302 and home["Location"] == "/accounts/leaving/"
    assert client.get("/accounts/everything/").status_code == 200
    assert client.post("/accounts/leaving/").status_code == 302
    alice.refresh_from_db()
    workspace.refresh_from_db()
    assert alice.leaving_at is None and workspace.deleted_at is None
    assert client.get("/").status_code == 200


# --------------------------------------------------------------------------- purge


def test_purge_removes_only_what_the_grace_is_over_for(
    alice: Any, workspace: Any, oscar: Any
) -> None:
    make_entry(workspace, alice, [make_member(workspace)])
    workspace_delete_later(workspace=workspace, by=alice)
    theirs = Workspace.objects.get(name="Another family")
    make_entry(theirs, oscar, [make_member(theirs)])
    account_leave(user=oscar)
    assert purge() == (0, 0)

    later = timezone.now() + GRACE + datetime.timedelta(minutes=1)
    assert purge(now=later) == (2, 1)

    assert not Workspace.objects.exists()
    assert not InteractionRevision.objects.exists()
    assert list(User.objects.values_list("email", flat=True)) == ["alice@example.com"]


def test_the_purge_command(db: Any) -> None:
    out = io.StringIO()
    call_command("purge", stdout=out)
    assert "removed 0 workspace(s) and 0 account(s)" in out.getvalue()
