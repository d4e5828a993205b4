"""The one way views reach owned objects.

Every view fetches what it shows through these helpers: an object outside the user's
workspaces is a 404 (its existence is not revealed), a write by a viewer is a 403.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core.compiled import CompiledRead, Slot

from .models import Membership, Workspace

M = TypeVar("M", bound=models.Model)
SESSION_KEY = "workspace_id"


def _memberships(user: int) -> models.QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("workspace")
        .order_by("workspace__name", "workspace_id")
    )


# Every page's first read after the session's: written once, not built each request.
_MEMBERSHIPS = CompiledRead(_memberships, user=Slot.ID)


def memberships_for(request: HttpRequest) -> dict[int, Membership]:
    """The user's memberships by workspace id, loaded once per request."""
    cached: dict[int, Membership] | None = getattr(request, "_allies_memberships", None)
    if cached is None:
        if not request.user.is_authenticated:
            cached = {}
        else:
            rows = _MEMBERSHIPS.objects(user=request.user.pk)
            cached = {m.workspace_id: m for m in rows}
        # Kept on the request so each view and template asks the database once.
        request._allies_memberships = cached  # type: ignore[attr-defined]  # a private cache
    return cached


def _checked(membership: Membership | None, *, write: bool) -> Membership:
    """404 when there is no membership, 403 when a viewer asks to write."""
    if membership is None:
        raise Http404
    if write and not membership.can_write:
        raise PermissionDenied
    return membership


def reached(request: HttpRequest, membership: Membership) -> Membership:
    """Note that this request reached the workspace's records: the record of access
    (workspaces.middleware) adds one row for it once the page is answered."""
    if getattr(request, ACCESSED, None) is None:
        setattr(request, ACCESSED, membership.workspace_id)
    return membership


ACCESSED = "_allies_accessed_workspace"
ACTION = "_allies_access_action"


def record_as(request: HttpRequest, action: str, what: str) -> None:
    """Record this request as `action` (exported, verified) with `what` instead of a view:
    the export's form and range, the check's outcome."""
    setattr(request, ACTION, (action, what[:300]))


def get_membership(
    request: AuthenticatedHttpRequest, workspace_id: int, *, write: bool = False
) -> Membership:
    return reached(request, _checked(memberships_for(request).get(workspace_id), write=write))


def get_owner_membership(request: AuthenticatedHttpRequest, workspace_id: int) -> Membership:
    membership = get_membership(request, workspace_id)
    if not membership.is_owner:
        raise PermissionDenied
    return membership


def current_membership(request: HttpRequest) -> Membership | None:
    """The workspace the user is looking at: chosen in this session, else last time, else
    their own before one where they are a guest."""
    memberships = memberships_for(request)
    if not memberships:
        return None
    user = request.user
    last = user.last_workspace_id if user.is_authenticated else None
    for chosen in (request.session.get(SESSION_KEY), last):
        if chosen in memberships:
            return memberships[chosen]
    # Never chosen: one's own workspace before one where one is only a guest.
    rank: dict[str, int] = {"owner": 0, "editor": 1, "viewer": 2}
    return min(memberships.values(), key=lambda m: (rank[m.role], m.created_at, m.pk))


def require_current_membership(
    request: AuthenticatedHttpRequest, *, write: bool = False
) -> Membership:
    return reached(request, _checked(current_membership(request), write=write))


def get_owned(
    request: AuthenticatedHttpRequest, queryset: models.QuerySet[M], pk: int, *, write: bool = False
) -> tuple[M, Membership]:
    """Fetch `pk` from `queryset` only if it lies in one of the user's workspaces."""
    memberships = memberships_for(request)
    obj = queryset.filter(pk=pk, workspace_id__in=list(memberships)).first()
    if obj is None:
        raise Http404
    # Every owned model has a workspace; the bound M does not say so.
    membership = _checked(memberships[obj.workspace_id], write=write)  # type: ignore[attr-defined]
    return obj, reached(request, membership)


def switch_workspace(request: AuthenticatedHttpRequest, workspace: Workspace) -> None:
    request.session[SESSION_KEY] = workspace.pk
    user = request.user
    if user.is_authenticated and user.last_workspace_id != workspace.pk:
        user.last_workspace = workspace
        user.save(update_fields=["last_workspace"])


def forget_workspace(request: AuthenticatedHttpRequest, workspace_id: int) -> None:
    """After leaving a workspace: not the session's choice any more, and the memberships
    read again, so `current_membership` picks among those that remain."""
    if request.session.get(SESSION_KEY) == workspace_id:
        del request.session[SESSION_KEY]
    if hasattr(request, "_allies_memberships"):
        del request._allies_memberships
