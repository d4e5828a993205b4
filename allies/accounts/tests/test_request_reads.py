"""The two reads every signed-in request makes, compiled: the session and its user."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from allies.accounts.models import User
from allies.accounts.sessions import SessionStore


def test_the_site_uses_the_compiled_store() -> None:
    assert settings.SESSION_ENGINE == "allies.accounts.sessions"


def test_a_session_reads_back_as_django_s_store_reads_it(db: Any) -> None:
    ours = SessionStore()
    ours["workspace_id"] = 7
    ours.save()
    key = ours.session_key
    assert SessionStore(key).load() == DjangoSessionStore(key).load() == {"workspace_id": 7}
    with CaptureQueriesContext(connection) as captured:
        SessionStore(key).load()
        DjangoSessionStore(key).load()
    # The same statement; only "now" has moved on between the two.
    mine, django = (
        re.sub(r"'[0-9-]+ [0-9:.]+(?:[+-][0-9:]+)?'", "NOW", q["sql"])
        for q in captured.captured_queries
    )
    assert mine == django and "NOW" in mine


@pytest.mark.parametrize("known", [True, False], ids=["expired", "unknown"])
def test_an_expired_or_unknown_session_is_empty_and_gets_a_new_key(db: Any, known: bool) -> None:
    store = SessionStore()
    store["x"] = 1
    store.save()
    key = store.session_key
    if known:
        Session.objects.filter(pk=key).update(
            expire_date=timezone.now() - datetime.timedelta(seconds=1)
        )
    else:
        key = "no" + key[2:]
    again = SessionStore(key)
    assert again.load() == {}
    assert again.session_key is None


def test_a_signed_in_request_finds_its_user(alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    response = client.get("/accounts/settings/")
    assert response.status_code == 200
    assert response.wsgi_request.user == alice


def test_get_by_id_is_the_orm_s(alice: Any) -> None:
    found = User.objects.get(pk=alice.pk)
    assert found == alice and found.email == alice.email and not found._state.adding
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=alice.pk + 1000)
    # Other look-ups go to Django's get() as before.
    assert User.objects.get(email=alice.email) == alice
    assert User.objects.get(pk=str(alice.pk)) == alice
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=alice.pk, is_active=False)
