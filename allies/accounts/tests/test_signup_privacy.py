"""Sign-up says no more about an address that has an account than it must.

A new account is logged in at once (Allies may have no mail server to confirm an address
with), so a refused sign-up cannot look like a successful one. What it says is the same
whatever the reason and however the address is spelled, never "an account exists", and
it points to logging in and resetting a password; the reset page reveals nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from allies.accounts.forms import ADDRESS_UNAVAILABLE
from allies.accounts.models import User
from tests.support import field_error, make_user

NEW_PASSWORD = "a much longer passphrase 2026"


@pytest.fixture(autouse=True)
def _language_back_after() -> Iterator[None]:
    # LocaleMiddleware leaves the thread in the last request's language (Spanish here).
    yield
    translation.deactivate()


SAID = (
    "This address cannot be used to sign up. If it is yours and you already have an "
    "account, log in or reset your password."
)


def sign_up(email: str, client: Client | None = None) -> Any:
    return (client or Client()).post(
        "/accounts/signup/",
        {
            "email": email,
            "display_name": "Someone",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "family_name": "",
        },
    )


@pytest.mark.parametrize("typed", ["alice@example.com", "ALICE@Example.com", " alice@example.com "])
def test_an_address_with_an_account_gets_the_neutral_answer(alice: Any, typed: str) -> None:
    response = sign_up(typed)
    assert response.status_code == 200
    assert field_error(response, "email") == SAID
    page = response.content.decode()
    assert "already exists" not in page
    assert "Alice" not in page  # nothing about the account's owner
    # Where to go if it is theirs.
    assert 'href="/accounts/login/"' in page
    assert 'href="/accounts/password/reset/"' in page
    assert User.objects.count() == 1
    assert mail.outbox == []


def test_an_inactive_account_gets_the_same_answer(db: Any) -> None:
    make_user("gone@example.com", is_active=False)
    assert field_error(sign_up("gone@example.com"), "email") == SAID


def test_the_model_s_own_uniqueness_check_says_the_same(alice: Any) -> None:
    from allies.accounts.forms import SignupForm

    form = SignupForm(
        {"email": "new@example.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    # As if the address were taken between the form's check and the model's.
    User.objects.create_user("new@example.com", NEW_PASSWORD)
    form.clean_email = lambda: "new@example.com"  # type: ignore[method-assign]
    assert not form.is_valid()
    assert form.errors["email"] == [str(ADDRESS_UNAVAILABLE)]


def test_the_neutral_answer_in_spanish(alice: Any) -> None:
    response = sign_up("alice@example.com", Client(HTTP_ACCEPT_LANGUAGE="es"))
    assert field_error(response, "email").startswith(
        "No se puede usar este correo electrónico para registrarse."
    )
