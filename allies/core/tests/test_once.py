"""One-time form tokens (allies.core.once): a form saves once, and a submit that comes
again is sent to what the first one made. (Submits at the same moment: test_once_threads.)"""

from __future__ import annotations

import datetime
import hashlib
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from allies.core import once
from allies.core.models import FormClaim
from allies.log.models import Interaction
from allies.workspaces.services import workspace_delete
from tests.support import (
    client_for,
    compose_data,
    entry_data,
    make_member,
    make_workspace,
    messages_of,
)
from tests.support.smtp import Sink

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "quick-add"}


def quick(person: Any, **fields: Any) -> dict[str, Any]:
    return {"member": person.pk, "purpose": "1", "summary": "Thanks!", **fields}


def request_of(user: Any) -> Any:
    request = RequestFactory().post("/")
    request.user = user
    return request


# --- A submit that comes again (a retry after the answer was lost) -----------------------


def test_the_full_form_sent_again_after_it_saved_goes_to_the_entry(alice: Any, member: Any) -> None:
    client = client_for(alice)
    data = entry_data([member], form_token="lost-answer")
    client.post("/log/new/", data)  # saved, but say the browser never got the answer
    # The retry differs from the first (the time was corrected): only the token matches.
    again = client.post("/log/new/", {**data, "summary": "Asked again."}, follow=True)
    entry = Interaction.objects.get()
    assert again.redirect_chain == [(f"/log/{entry.pk}/", 302)]
    assert "This entry was already saved." in messages_of(again)


def test_a_quick_add_sent_again_goes_to_the_entry_it_made(alice: Any, member: Any) -> None:
    client = client_for(alice)
    client.post("/log/quick/", quick(member, form_token="lost-answer"))
    again = client.post("/log/quick/", quick(member, form_token="lost-answer"), follow=True)
    entry = Interaction.objects.get()
    assert again.redirect_chain == [(f"/log/{entry.pk}/", 302)]
    assert "This entry was already saved." in messages_of(again)


def test_an_htmx_quick_add_sent_again_links_to_the_entry(alice: Any, member: Any) -> None:
    client = client_for(alice)
    client.post("/log/quick/", quick(member, form_token="lost-answer"), **HTMX)
    again = client.post("/log/quick/", quick(member, form_token="lost-answer"), **HTMX)
    entry = Interaction.objects.get()
    page = again.content.decode()
    assert f'This entry was already saved. <a href="/log/{entry.pk}/">Open entry</a>' in page
    assert "Logged: contact" not in page


@pytest.mark.parametrize(
    ("url", "data", "where"),
    [
        (
            "/insights/new/",
            {"observed": "Reads aloud to the dog.", "source": "home", "observed_on": "2026-01-15"},
            "/insights/",
        ),
        (
            "/concerns/new/",
            {"title": "Homework", "interest": "Done without tears.", "observed": "Two hours."},
            "/concerns/",
        ),
    ],
    ids=["insight", "concern"],
)
def test_other_create_forms_sent_again_go_to_what_they_made(
    alice: Any, workspace: Any, url: str, data: dict[str, str], where: str
) -> None:
    client = client_for(alice)
    first = client.post(url, {**data, "form_token": "lost-answer"})
    assert first.status_code == 302, "the form was refused; see its data"
    again = client.post(url, {**data, "form_token": "lost-answer"})
    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    assert again["Location"].startswith(where)


# --- Whose claim it is ---------------------------------------------------------------------


def test_another_user_s_token_makes_their_own_entry_and_never_leads_to_yours(
    alice: Any, erin: Any, member: Any
) -> None:
    client_for(alice).post("/log/quick/", quick(member, form_token="alice-form"))
    theirs = client_for(erin).post("/log/quick/", quick(member, form_token="alice-form"))
    alices = Interaction.objects.get(author=alice)
    erins = Interaction.objects.get(author=erin)
    assert theirs["Location"] == "/"  # a save of their own, not "already saved"
    assert erins.pk != alices.pk


def test_an_outsider_s_replayed_token_saves_in_their_own_workspace(
    alice: Any, oscar: Any, member: Any
) -> None:
    client_for(alice).post("/log/new/", entry_data([member], form_token="alice-form"))
    theirs = make_member(oscar.memberships.get().workspace, name="Mr. Other")
    answer = client_for(oscar).post("/log/new/", entry_data([theirs], form_token="alice-form"))
    entry = Interaction.objects.get(author=oscar)
    assert answer["Location"] == f"/log/{entry.pk}/"
    assert entry.workspace_id != member.workspace_id


def test_one_token_in_two_of_the_user_s_workspaces_is_two_claims(alice: Any) -> None:
    request = request_of(alice)
    with transaction.atomic():
        once.claim(request, "a-form", workspace_id=1).made("/one/")
        once.claim(request, "a-form", workspace_id=2).made("/two/")
    with pytest.raises(once.AlreadySaved) as first:
        once.claim(request, "a-form", workspace_id=1)
    assert first.value.url == "/one/"


def test_a_token_from_another_workspace_of_the_user_saves_there(
    alice: Any, workspace: Any, member: Any
) -> None:
    client = client_for(alice)
    client.post("/log/quick/", quick(member, form_token="one-form"))
    other = make_workspace(alice, name="Grandma's")
    client.post(f"/workspaces/{other.pk}/switch/")
    there = make_member(other, name="Ms. There")
    answer = client.post("/log/quick/", quick(there, form_token="one-form"))
    assert answer["Location"] == "/"
    assert Interaction.objects.filter(workspace=other).count() == 1


# --- The claim and the write, together ------------------------------------------------------


def test_a_write_that_fails_takes_its_claim_with_it(alice: Any) -> None:
    request = request_of(alice)
    with pytest.raises(ValueError), once.saving(request, "a-form", workspace_id=1):
        raise ValueError("the write failed")
    assert not FormClaim.objects.exists()
    with once.saving(request, "a-form", workspace_id=1) as held:
        held.made("/saved/")
    assert FormClaim.objects.get().made_url == "/saved/"


def test_a_refused_claim_leaves_the_transaction_usable(alice: Any) -> None:
    # On PostgreSQL a unique violation outside a savepoint would end the transaction.
    request = request_of(alice)
    with transaction.atomic():
        once.claim(request, "a-form", workspace_id=1).made("/saved/")
        with pytest.raises(once.AlreadySaved) as refused:
            once.claim(request, "a-form", workspace_id=1)
        assert refused.value.url == "/saved/"
        assert FormClaim.objects.count() == 1


def test_no_token_claims_nothing(alice: Any) -> None:
    request = request_of(alice)
    for _ in range(2):
        with once.saving(request, "", workspace_id=1) as held:
            held.made("/x/")
    assert not FormClaim.objects.exists()


def test_the_token_is_kept_as_its_hash_whatever_its_length(alice: Any) -> None:
    long = "x" * 10_000
    once.claim(request_of(alice), long, workspace_id=1)
    assert FormClaim.objects.get().key == hashlib.sha256(long.encode()).hexdigest()


# --- The toolkit's send: the claim is committed before anything goes out ---------------------


def test_a_send_in_flight_stops_a_second_submit_from_sending(
    alice: Any, workspace: Any, smtp: Sink
) -> None:
    lee = make_member(workspace, email="lee@example.com")
    # The first submit's claim, committed before its send, with no entry noted yet.
    FormClaim.objects.create(
        user=alice, scope=workspace.pk, key=hashlib.sha256(b"one-form").hexdigest()
    )
    again = client_for(alice).post(
        "/toolkit/compose/", compose_data([lee], action="send", form_token="one-form"), follow=True
    )
    assert again.redirect_chain == [("/", 302)]
    assert "This message was already logged." in messages_of(again)
    assert smtp.received == []
    assert not Interaction.objects.exists()


def test_a_sent_message_sent_again_goes_to_its_entry_and_sends_nothing(
    alice: Any, workspace: Any, smtp: Sink
) -> None:
    lee = make_member(workspace, email="lee@example.com")
    client = client_for(alice)
    data = compose_data([lee], action="send", form_token="one-form")
    client.post("/toolkit/compose/", data)
    again = client.post("/toolkit/compose/", data)
    entry = Interaction.objects.get()
    assert again["Location"] == f"/log/{entry.pk}/"
    assert len(smtp.received) == 1


# --- Forgetting old claims -------------------------------------------------------------------


def test_claims_older_than_a_week_are_forgotten(alice: Any) -> None:
    now = timezone.now()
    for days in (8, 6):
        FormClaim.objects.create(
            user=alice, scope=1, key=str(days), created_at=now - datetime.timedelta(days=days)
        )
    assert once.forget_old(now=now) == 1
    assert list(FormClaim.objects.values_list("key", flat=True)) == ["6"]


def test_send_digests_forgets_old_claims(alice: Any, smtp: Sink) -> None:
    old = timezone.now() - once.KEEP_FOR - datetime.timedelta(minutes=1)
    FormClaim.objects.create(user=alice, scope=1, key="old", created_at=old)
    FormClaim.objects.create(user=alice, scope=1, key="new")
    call_command("send_digests", stdout=io.StringIO())
    assert list(FormClaim.objects.values_list("key", flat=True)) == ["new"]


def test_deleting_a_workspace_forgets_its_claims(alice: Any, workspace: Any) -> None:
    other = make_workspace(alice, name="Grandma's")
    request = request_of(alice)
    once.claim(request, "here", workspace_id=workspace.pk)
    once.claim(request, "there", workspace_id=other.pk)
    workspace_delete(workspace=workspace)
    assert list(FormClaim.objects.values_list("scope", flat=True)) == [other.pk]
