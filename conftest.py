"""Personas shared by every test: who is asking, and what they may see.

alice owns the family workspace, erin edits it, vera views it, oscar is in another
workspace (an outsider here), and anonymous is not logged in. These are fixtures; the
plain helpers (factories, clients, the role → outcome tables) are in tests.support.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.support import ROLES, make_entry, make_member, make_student, make_user, make_workspace

# A real SMTP server on 127.0.0.1 (the `smtp` and `no_smtp` fixtures).
pytest_plugins = ["tests.support.smtp"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_kept_fragments() -> None:
    """Each test draws pages afresh: one test's ids and times can come back in the next,
    and a test that counts a page's queries should not depend on the test before."""
    from django.core.cache import caches

    caches["fragments"].clear()


@pytest.fixture
def alice(db: Any) -> Any:
    return make_user("alice@example.com", display_name="Alice")


@pytest.fixture
def workspace(alice: Any) -> Any:
    return make_workspace(alice)


@pytest.fixture
def erin(workspace: Any) -> Any:
    from allies.workspaces.services import membership_add

    user = make_user("erin@example.com")
    membership_add(workspace=workspace, user=user, role="editor")
    return user


@pytest.fixture
def vera(workspace: Any) -> Any:
    from allies.workspaces.services import membership_add

    user = make_user("vera@example.com")
    membership_add(workspace=workspace, user=user, role="viewer")
    return user


@pytest.fixture
def oscar(db: Any) -> Any:
    user = make_user("oscar@example.com")
    make_workspace(user, name="Another family")
    return user


@pytest.fixture
def student(workspace: Any) -> Any:
    return make_student(workspace)


@pytest.fixture
def member(workspace: Any) -> Any:
    return make_member(workspace)


@pytest.fixture
def entry(workspace: Any, alice: Any, member: Any) -> Any:
    return make_entry(workspace, alice, [member])


@pytest.fixture
def personas(alice: Any, erin: Any, vera: Any, oscar: Any) -> dict[str, Any]:
    """Each persona by role name (tests.support.ROLES); `anonymous` is None."""
    people = {"owner": alice, "editor": erin, "viewer": vera, "outsider": oscar, "anonymous": None}
    assert list(people) == ROLES
    return people
