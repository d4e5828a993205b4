"""Accounts: logging in and out, lock-out, passwords, preferences.

Signing up is tested with workspaces (allies/workspaces/tests/test_signup.py).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests.support import (
    ANON_ONLY,
    ANYONE,
    LOGIN,
    NEW_PASSWORD,
    OWN_READ,
    PASSWORD,
    ROLES,
    assert_outcome,
    client_for,
    field_error,
)


def log_in(client: Client, email: str, password: str, **extra: Any) -> Any:
    return client.post("/accounts/login/", {"username": email, "password": password}, **extra)


@pytest.mark.parametrize(
    ("url", "table"),
    [
        ("/accounts/login/", ANON_ONLY),
        ("/accounts/settings/", OWN_READ),
        ("/accounts/password/change/", OWN_READ),
        ("/accounts/password/change/done/", OWN_READ),
        ("/accounts/password/reset/", ANYONE),
        ("/accounts/password/reset/sent/", ANYONE),
        ("/accounts/password/reset/MQ/not-a-token/", ANYONE),
        ("/accounts/password/reset/done/", ANYONE),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_account_pages_are_open_to_the_right_people(
    personas: dict[str, Any], url: str, table: dict[str, Any], role: str
) -> None:
    response = client_for(personas[role]).get(url)
    assert_outcome(response, table[role])
    if table[role] == 302:
        assert response["Location"] == "/"


@pytest.mark.parametrize("role", ROLES)
def test_logging_out_ends_the_session_for_everyone(personas: dict[str, Any], role: str) -> None:
    client = client_for(personas[role])
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert_outcome(client.get("/"), LOGIN)


def test_logging_out_needs_a_post(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/").status_code == 200


def test_logging_in_with_the_form(alice: Any, workspace: Any) -> None:
    client = Client()
    response = log_in(client, "alice@example.com", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_logging_in_ignores_the_case_of_the_email_address(alice: Any, workspace: Any) -> None:
    # Phones capitalise the first letter typed.
    assert log_in(Client(), " Alice@Example.COM ", PASSWORD).status_code == 302


def test_logging_in_goes_back_to_the_page_asked_for(alice: Any, workspace: Any) -> None:
    response = Client().post(
        "/accounts/login/?next=/log/", {"username": "alice@example.com", "password": PASSWORD}
    )
    assert response["Location"] == "/log/"


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(alice: Any) -> None:
    response = log_in(Client(), "alice@example.com", "wrong")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a correct email address and password." in page
    # Addresses are not case-sensitive here; only the password is, and it says so.
    assert "The password is case-sensitive." in page and "both fields" not in page
    assert 'value="alice@example.com"' in response.content.decode()


def test_repeated_failures_lock_the_account_for_that_address(alice: Any, settings: Any) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "alice@example.com", "wrong").status_code == 200
    locked = log_in(client, "alice@example.com", "wrong")
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    # Even the right password is refused now, from this address...
    assert log_in(client, "alice@example.com", PASSWORD).status_code == 429
    assert_outcome(client.get("/"), LOGIN)
    # ...but not from another one: a stranger cannot lock a parent out everywhere.
    elsewhere = log_in(Client(), "alice@example.com", PASSWORD, REMOTE_ADDR="10.0.0.9")
    assert elsewhere.status_code == 302


def test_changing_the_case_of_the_email_does_not_dodge_the_lock_out(
    alice: Any, settings: Any
) -> None:
    client = Client()
    spellings = ["alice@example.com", "Alice@example.com", "ALICE@EXAMPLE.COM"]
    for i in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, spellings[i % len(spellings)], "wrong")
    assert log_in(client, "Alice@Example.com", PASSWORD).status_code == 429


def test_a_successful_login_forgets_earlier_failures(alice: Any, settings: Any) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "alice@example.com", "wrong")
    assert log_in(client, "alice@example.com", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "alice@example.com", "wrong").status_code == 200
    assert log_in(client, "alice@example.com", PASSWORD).status_code == 302


def test_a_password_reset_sends_an_email_with_a_working_link(alice: Any) -> None:
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    (email,) = mail.outbox
    assert email.to == ["alice@example.com"]
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", email.body)
    assert link, email.body

    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == "/accounts/password/reset/done/"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert log_in(Client(), "alice@example.com", NEW_PASSWORD).status_code == 302
    # The link works once.
    assert client.get(link.group(1), follow=True).context["validlink"] is False


def test_a_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(
    alice: Any,
) -> None:
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_changing_the_password_keeps_the_user_logged_in(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/password/change/done/"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert client.get("/").status_code == 200


def test_changing_the_password_needs_the_current_one(alice: Any) -> None:
    response = client_for(alice).post(
        "/accounts/password/change/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "incorrectly" in field_error(response, "old_password")
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_preferences_change_name_language_time_zone_and_digest(alice: Any, workspace: Any) -> None:
    assert alice.digest == "off"  # nothing is emailed until asked for
    client = client_for(alice)
    response = client.post(
        "/accounts/settings/",
        {
            "display_name": "Alicia",
            "language": "es",
            "time_zone": "Europe/Madrid",
            "digest": "weekly",
        },
    )
    assert response["Location"] == "/accounts/settings/"
    alice.refresh_from_db()
    assert (alice.display_name, alice.language, alice.time_zone, alice.digest) == (
        "Alicia",
        "es",
        "Europe/Madrid",
        "weekly",
    )
    page = client.get("/")
    assert page["Content-Language"] == "es"
    assert page.content.decode().startswith('<!doctype html>\n\n<html lang="es">')


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("time_zone", "Mars/Olympus_Mons"),
        ("language", "xx"),
        ("display_name", "d" * 121),
        ("digest", "daily"),
    ],
)
def test_bad_preferences_are_refused_next_to_the_field(alice: Any, field: str, typed: str) -> None:
    data = {
        "display_name": "Alice",
        "language": "en",
        "time_zone": "America/New_York",
        "digest": "off",
    }
    data[field] = typed
    response = client_for(alice).post("/accounts/settings/", data)
    assert response.status_code == 200
    assert field_error(response, field)
    alice.refresh_from_db()
    assert getattr(alice, field) != typed


def test_argon2_is_the_first_password_hasher_in_the_real_settings() -> None:
    # The test run swaps in a fast hasher: read the settings module itself.
    import allies.settings as real

    assert real.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    from django.contrib.auth.hashers import Argon2PasswordHasher

    encoded = Argon2PasswordHasher().encode("secret", "somesaltsalt")
    assert encoded.startswith("argon2$")
