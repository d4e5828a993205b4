from __future__ import annotations

from django.db import transaction

from allies.accounts.models import User

from .models import Membership, Workspace


@transaction.atomic
def workspace_create(*, owner: User, name: str, kind: str = Workspace.Kind.FAMILY) -> Workspace:
    workspace = Workspace(name=name, kind=kind)
    workspace.full_clean()
    workspace.save()
    Membership.objects.create(user=owner, workspace=workspace, role=Membership.Role.OWNER)
    return workspace


def membership_add(*, workspace: Workspace, user: User, role: str) -> Membership:
    membership = Membership(workspace=workspace, user=user, role=role)
    membership.full_clean()
    membership.save()
    return membership
