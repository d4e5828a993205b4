"""Personas shared by every test: who is asking, and what they may see.

alice owns the family workspace, erin edits it, vera views it, oscar is in another
workspace (an outsider here), and anonymous is not logged in.
"""

from __future__ import annotations

import datetime
import os
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

# A real SMTP server on 127.0.0.1 (the `smtp` and `no_smtp` fixtures).
pytest_plugins = ["allies.home.tests.smtp"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(email: str, **extra: Any) -> Any:
    from allies.accounts.models import User

    return User.objects.create_user(email, PASSWORD, **extra)


def make_workspace(owner: Any, name: str = "The Test family", kind: str = "family") -> Any:
    from allies.workspaces.services import workspace_create

    return workspace_create(owner=owner, name=name, kind=kind)


def make_student(workspace: Any, name: str = "Sam T.", **extra: Any) -> Any:
    from allies.students.models import Student

    return Student.objects.create(workspace=workspace, name=name, **extra)


def make_member(workspace: Any, name: str = "Ms. Lee", **extra: Any) -> Any:
    from allies.team.models import TeamMember

    extra.setdefault("role", TeamMember.Role.GENERAL_ED)
    return TeamMember.objects.create(workspace=workspace, name=name, **extra)


def make_entry(workspace: Any, author: Any, members: list[Any], **extra: Any) -> Any:
    from allies.log.models import Purpose
    from allies.log.services import interaction_record

    fields: dict[str, Any] = {
        "occurred_at": timezone.now() - datetime.timedelta(days=1),
        "channel": "email",
        "direction": "sent",
        "purposes": int(Purpose.CHECK_IN),
        "tone": "neutral",
        "summary": "Checked in about the week.",
    }
    fields.update(extra)
    return interaction_record(workspace=workspace, author=author, participants=members, **fields)


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


def client_for(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def personas(alice: Any, erin: Any, vera: Any, oscar: Any) -> dict[str, Any]:
    """Each persona by role name; `anonymous` is None."""
    return {"owner": alice, "editor": erin, "viewer": vera, "outsider": oscar, "anonymous": None}
