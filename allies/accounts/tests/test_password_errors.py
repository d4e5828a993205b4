"""Why a new password is refused is said under the password field, where it must change.

Django puts a weak password's reasons under the confirmation field; a person then retypes
the confirmation and gets the same answer. A mismatch stays under the confirmation.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests.support import PASSWORD, client_for, field_error

STRONG = "a much longer passphrase 2026"


def has_error(response: Any, field: str) -> bool:
    return f'id="id_{field}_error"' in response.content.decode()


def signup(password1: str, password2: str) -> Any:
    return Client().post(
        "/accounts/signup/",
        {
            "email": "rosa@example.com",
            "display_name": "Rosa",
            "password1": password1,
            "password2": password2,
            "family_name": "",
        },
    )


def change(user: Any, password1: str, password2: str) -> Any:
    return client_for(user).post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": password1, "new_password2": password2},
    )


def reset(user: Any, password1: str, password2: str) -> Any:
    client = Client()
    client.post("/accounts/password/reset/", {"email": user.email})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", mail.outbox[-1].body)
    assert link
    form_page = client.get(link.group(1), follow=True)
    return client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password1, "new_password2": password2},
    )


FORMS = [
    ("sign-up", "password1", "password2"),
    ("change", "new_password1", "new_password2"),
    ("reset", "new_password1", "new_password2"),
]


def post(form: str, user: Any, password1: str, password2: str) -> Any:
    if form == "sign-up":
        return signup(password1, password2)
    return {"change": change, "reset": reset}[form](user, password1, password2)


@pytest.mark.parametrize(("form", "first", "second"), FORMS)
@pytest.mark.parametrize(
    ("weak", "reason"),
    [
        ("password", "This password is too common."),
        ("short1x", "This password is too short."),
        ("8675309123", "This password is entirely numeric."),
    ],
)
def test_a_weak_password_is_refused_under_the_password_field(
    alice: Any, form: str, first: str, second: str, weak: str, reason: str
) -> None:
    response = post(form, alice, weak, weak)
    assert response.status_code == 200
    assert reason in field_error(response, first)
    assert not has_error(response, second)
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


@pytest.mark.parametrize(("form", "first", "second"), FORMS)
def test_a_mismatch_stays_under_the_confirmation(
    alice: Any, form: str, first: str, second: str
) -> None:
    response = post(form, alice, STRONG, STRONG + " typo")
    assert response.status_code == 200
    assert "didn’t match" in field_error(response, second)
    assert not has_error(response, first)


def test_a_weak_password_in_spanish_is_said_under_the_password_field(alice: Any) -> None:
    alice.language = "es"
    alice.save()
    response = change(alice, "password", "password")
    assert "demasiado común" in field_error(response, "new_password1")
