"""The `allies demo` and `allies createuser` commands."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from allies.accounts.models import User
from allies.home.management.commands.demo import DEMO_EMAIL, create_demo
from allies.log.models import Interaction, InteractionRevision
from allies.relationships.focus import streak
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Membership, Workspace
from allies.workspaces.services import workspace_delete
from tests.support import make_user


def demo_log() -> list[tuple[Any, ...]]:
    """What the demo's log says, independent of ids and of when it was recorded."""
    return [
        (
            e.occurred_at,
            e.channel,
            e.direction,
            e.purposes,
            e.tone,
            e.summary,
            e.follow_up_due,
            e.revision_count,
            e.withdrawn_reason,
            tuple(sorted(m.name for m in e.participants.all())),
        )
        for e in Interaction.objects.prefetch_related("participants").order_by(
            "occurred_at", "summary"
        )
    ]


def test_demo_creates_one_student_eight_team_members_and_about_150_entries(db: Any) -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    assert f"Log in as {DEMO_EMAIL}" in out.getvalue()
    user = User.objects.get(email=DEMO_EMAIL)
    workspace = Membership.objects.get(user=user, role="owner").workspace
    assert Student.objects.filter(workspace=workspace).count() == 1
    assert TeamMember.objects.filter(workspace=workspace).count() == 8
    assert 140 <= Interaction.objects.filter(workspace=workspace).count() <= 160
    # It tells an honest history: one entry corrected, one withdrawn, and follow-ups done
    # on time (each closing is a revision too) but for the latest one past due.
    edited = Interaction.objects.filter(revision_count__gt=1, withdrawn_at__isnull=True)
    assert edited.filter(follow_up_done__isnull=True).count() == 1
    assert Interaction.objects.filter(withdrawn_at__isnull=False).count() == 1
    today = timezone.localdate()
    open_past_due = Interaction.objects.filter(
        follow_up_due__lt=today, follow_up_done__isnull=True, withdrawn_at__isnull=True
    )
    assert open_past_due.count() == 1
    assert edited.filter(follow_up_done__isnull=False).count() >= 5
    # And a streak of three weeks of small actions.
    assert streak(workspace) == 3
    student = Student.objects.get(workspace=workspace)
    assert student.annual_review_due == student.iep_start.replace(year=student.iep_start.year + 1)

    # Running it again changes nothing.
    again = StringIO()
    call_command("demo", stdout=again)
    assert "already there" in again.getvalue()
    assert Workspace.objects.count() == 1


def test_demo_if_empty_leaves_a_used_database_alone(db: Any) -> None:
    make_user("someone@example.com")
    call_command("demo", "--if-empty", stdout=StringIO())
    assert not User.objects.filter(email=DEMO_EMAIL).exists()


def test_demo_is_deterministic_and_its_revisions_form_an_unbroken_chain(db: Any) -> None:
    day = datetime.date(2026, 3, 2)
    create_demo(today=day)
    first = demo_log()
    for workspace in Workspace.objects.all():
        workspace_delete(workspace=workspace)
    User.objects.all().delete()
    assert not Interaction.objects.exists()
    create_demo(today=day)
    assert demo_log() == first
    assert len(first) == Interaction.objects.count()
    revisions = list(InteractionRevision.objects.order_by("seq"))
    assert [r.seq for r in revisions] == list(range(1, len(revisions) + 1))
    assert all(b.prev_hash == a.hash for a, b in zip(revisions, revisions[1:], strict=False))


def test_createuser_makes_a_user_with_a_workspace_of_their_own(db: Any) -> None:
    out = StringIO()
    call_command(
        "createuser",
        "Teacher@School.example",
        "--password",
        "a long and unusual passphrase",
        "--workspace",
        "Room 12",
        "--kind",
        "school",
        stdout=out,
    )
    user = User.objects.get()
    assert user.email == "teacher@school.example"
    assert user.check_password("a long and unusual passphrase")
    assert not user.is_superuser
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.workspace.name, membership.workspace.kind) == (
        "owner",
        "Room 12",
        "school",
    )
    assert "Created teacher@school.example" in out.getvalue()


def test_createuser_asks_for_the_password_when_not_given(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt: "typed at the prompt 2026")
    call_command("createuser", "admin@example.com", "--superuser", stdout=StringIO())
    user = User.objects.get()
    assert user.is_superuser and user.is_staff
    assert user.check_password("typed at the prompt 2026")
    assert Membership.objects.get(user=user).workspace.name == "My family"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["alice@example.com", "--password", "a long and unusual one"], "already exists"),
        (["ALICE@example.com", "--password", "a long and unusual one"], "already exists"),
        (["new@example.com", "--password", "short"], "too short"),
        (["new@example.com", "--password", "password123"], "too common"),
    ],
)
def test_createuser_refuses_duplicates_and_weak_passwords(
    alice: Any, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("createuser", *args, stdout=StringIO())
    assert User.objects.count() == 1
