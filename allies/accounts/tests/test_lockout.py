"""The lock-out after wrong passwords: it says how long it lasts, and a new password ends it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from tests.support import PASSWORD, make_user


@pytest.fixture(autouse=True)
def _language_back_after() -> Iterator[None]:
    # LocaleMiddleware leaves the thread in the last request's language (Spanish here).
    yield
    translation.deactivate()


NEW_PASSWORD = "a much longer passphrase 2026"


def log_in(client: Client, email: str, password: str) -> Any:
    return client.post("/accounts/login/", {"username": email, "password": password})


def lock_out(client: Client, email: str, limit: int) -> Any:
    for _ in range(limit - 1):
        assert log_in(client, email, "wrong").status_code == 200
    locked = log_in(client, email, "wrong")
    assert locked.status_code == 429
    return locked


def reset_password(client: Client, email: str, password: str = NEW_PASSWORD) -> Any:
    """The whole reset: ask, follow the emailed link, set the new password."""
    assert client.post("/accounts/password/reset/", {"email": email}).status_code == 302
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"] is True
    return client.post(
        form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )


@pytest.mark.parametrize(
    ("minutes", "said"),
    [(15, "locked here for 15 minutes."), (90, "locked here for 90 minutes."), (1, "1 minute.")],
)
def test_the_locked_page_says_for_how_many_minutes(
    alice: Any, settings: Any, minutes: int, said: str
) -> None:
    # The setting is in hours, as django-axes reads it; Allies' own is in minutes.
    settings.AXES_COOLOFF_TIME = minutes / 60
    page = lock_out(Client(), "alice@example.com", settings.AXES_FAILURE_LIMIT).content.decode()
    assert said in page
    assert "a new password lifts the lock at once" in page
    assert 'href="/accounts/password/reset/"' in page


def test_the_locked_page_says_it_in_spanish(alice: Any, settings: Any) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    page = lock_out(client, "alice@example.com", settings.AXES_FAILURE_LIMIT).content.decode()
    assert "bloqueada aquí durante 15 minutos." in page
    assert "minutes" not in page


def test_the_real_default_is_fifteen_minutes() -> None:
    from allies import settings as real

    assert real.AXES_COOLOFF_TIME * 60 == 15


def test_a_completed_password_reset_lifts_the_lock_at_once(
    alice: Any, workspace: Any, settings: Any
) -> None:
    client = Client()
    lock_out(client, "alice@example.com", settings.AXES_FAILURE_LIMIT)
    assert log_in(client, "alice@example.com", PASSWORD).status_code == 429

    done = reset_password(client, "alice@example.com")
    assert done["Location"] == "/accounts/password/reset/done/"
    # From the same browser and address that was locked out, with no waiting.
    assert log_in(client, "alice@example.com", NEW_PASSWORD).status_code == 302
    assert client.get("/").status_code == 200


def test_the_lock_is_lifted_whichever_spelling_failed(alice: Any, settings: Any) -> None:
    client = Client()
    lock_out(client, "ALICE@Example.com", settings.AXES_FAILURE_LIMIT)
    reset_password(client, "Alice@EXAMPLE.com")
    assert log_in(client, "alice@example.com", NEW_PASSWORD).status_code == 302


def test_asking_for_a_reset_without_setting_a_password_keeps_the_lock(
    alice: Any, settings: Any
) -> None:
    client = Client()
    lock_out(client, "alice@example.com", settings.AXES_FAILURE_LIMIT)
    client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    assert len(mail.outbox) == 1
    assert log_in(client, "alice@example.com", PASSWORD).status_code == 429


def test_a_refused_new_password_keeps_the_lock(alice: Any, settings: Any) -> None:
    client = Client()
    lock_out(client, "alice@example.com", settings.AXES_FAILURE_LIMIT)
    refused = reset_password(client, "alice@example.com", password="password")
    assert refused.status_code == 200
    assert log_in(client, "alice@example.com", PASSWORD).status_code == 429


def test_a_reset_lifts_only_that_account_s_lock(alice: Any, settings: Any) -> None:
    make_user("bob@example.com")
    client = Client()
    lock_out(client, "alice@example.com", settings.AXES_FAILURE_LIMIT)
    lock_out(client, "bob@example.com", settings.AXES_FAILURE_LIMIT)
    reset_password(client, "alice@example.com")
    assert log_in(client, "bob@example.com", PASSWORD).status_code == 429
    assert log_in(client, "alice@example.com", NEW_PASSWORD).status_code == 302
