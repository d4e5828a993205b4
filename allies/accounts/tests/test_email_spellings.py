"""One address, one account: an email is kept in one spelling, however it is typed.

"rosa@exämple.com" and "rosa@xn--exmple-cua.com" are the same mailbox (the domain in
Unicode and in IDNA's ASCII form), as are "Rosa@Example.com" and "rosa@example.com".
"""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test import Client

from allies.accounts.emails import normalize_email
from allies.accounts.models import User
from allies.workspaces.forms import InvitationForm
from tests.support import PASSWORD, make_user

NEW_PASSWORD = "a much longer passphrase 2026"
UNICODE = "rosa@exämple.com"
ASCII = "rosa@xn--exmple-cua.com"


def sign_up(email: str) -> Any:
    return Client().post(
        "/accounts/signup/",
        {
            "email": email,
            "display_name": "Rosa",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "family_name": "",
        },
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("rosa@example.com", "rosa@example.com"),
        ("  Rosa@Example.COM ", "rosa@example.com"),
        (UNICODE, ASCII),
        ("Rosa@EXÄMPLE.com", ASCII),
        (ASCII, ASCII),
        ("ROSA@XN--EXMPLE-CUA.COM", ASCII),
        ("rosa@bücher.example", "rosa@xn--bcher-kva.example"),
        # The part before the @ in one Unicode form: é typed as one letter or as e + ´.
        ("jos\u00e9@example.com", "jos\u00e9@example.com"),
        ("jose\u0301@example.com", "jos\u00e9@example.com"),
        # What IDNA cannot encode is only lower-cased; the validator refuses it.
        ("rosa@" + "a" * 70 + ".COM", "rosa@" + "a" * 70 + ".com"),
        ("no-at-sign", "no-at-sign"),
        ("", ""),
    ],
)
def test_one_spelling_for_each_address(typed: str, stored: str) -> None:
    assert normalize_email(typed) == stored


@pytest.mark.parametrize(("first", "second"), [(UNICODE, ASCII), (ASCII, UNICODE)])
def test_the_two_spellings_of_a_domain_sign_up_as_one_account(
    db: Any, first: str, second: str
) -> None:
    assert sign_up(first).status_code == 302
    refused = sign_up(second.upper())
    assert refused.status_code == 200
    assert User.objects.get().email == ASCII


@pytest.mark.parametrize("typed", [UNICODE, ASCII, "Rosa@Exämple.COM"])
def test_either_spelling_logs_in(db: Any, typed: str) -> None:
    sign_up(UNICODE)
    response = Client().post("/accounts/login/", {"username": typed, "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_either_spelling_gets_the_reset_email_at_the_stored_address(db: Any) -> None:
    make_user(UNICODE)
    Client().post("/accounts/password/reset/", {"email": "ROSA@EXÄMPLE.COM"})
    (email,) = mail.outbox
    assert email.to == [ASCII]


def test_the_lock_out_counts_both_spellings_together(db: Any, settings: Any) -> None:
    make_user(UNICODE)
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": (UNICODE, ASCII)[i % 2], "password": "x"})
    response = client.post("/accounts/login/", {"username": ASCII, "password": PASSWORD})
    assert response.status_code == 429


def test_the_manager_keeps_one_spelling(db: Any) -> None:
    user = User.objects.create_user("Rosa@Exämple.com", PASSWORD)
    assert user.email == ASCII
    assert User.objects.get_by_natural_key(UNICODE) == user
    assert User.objects.normalize_email(" ROSA@EXÄMPLE.COM") == ASCII


def test_an_invitation_is_addressed_in_the_account_s_spelling(db: Any) -> None:
    rosa = make_user(ASCII)
    form = InvitationForm({"email": "Rosa@Exämple.com", "role": "editor"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == rosa.email


# ------------------------------------------------------------- the data migration


def normalise_stored_emails() -> None:
    migration = importlib.import_module("allies.accounts.migrations.0004_normalise_emails")
    migration.normalise_emails(apps, SimpleNamespace(connection=connection))


def test_stored_addresses_are_normalised(db: Any, capsys: Any) -> None:
    # Rows saved before the rule, as they were stored (create() does not normalise).
    rosa = User.objects.create(email="Rosa@Exämple.com")
    bob = User.objects.create(email="Bob@Example.COM")
    ana = User.objects.create(email="ana@example.com")
    normalise_stored_emails()
    assert [
        u.email for u in User.objects.filter(pk__in=[rosa.pk, bob.pk, ana.pk]).order_by("email")
    ] == [
        "ana@example.com",
        "bob@example.com",
        ASCII,
    ]
    assert capsys.readouterr().out == ""


def test_addresses_that_would_collide_are_left_and_reported(db: Any, capsys: Any) -> None:
    unicode_row = User.objects.create(email="Rosa@Exämple.com")
    ascii_row = User.objects.create(email=ASCII)
    upper = User.objects.create(email="Bob@Example.com")
    lower = User.objects.create(email="BOB@example.com")
    alone = User.objects.create(email="Ana@Example.com")
    normalise_stored_emails()
    stored = dict(User.objects.values_list("pk", "email"))
    # Neither of two accounts is chosen for a person: both stay as they were...
    assert stored[unicode_row.pk] == "Rosa@Exämple.com"
    assert stored[ascii_row.pk] == ASCII
    assert (stored[upper.pk], stored[lower.pk]) == ("Bob@Example.com", "BOB@example.com")
    # ...the others are normalised, and the operator is told which were left.
    assert stored[alone.pk] == "ana@example.com"
    out = capsys.readouterr().out
    assert "3 email address(es) left as they were" in out
    for row in (unicode_row, upper, lower):
        assert f"{row.pk} ({row.email})" in out
    assert f"{ascii_row.pk} (" not in out
