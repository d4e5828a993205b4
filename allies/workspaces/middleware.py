"""The record of access: one row for each request that reached a workspace's records.

Views reach a workspace through `workspaces.access`, which notes which one; once the
view has answered, a successful read adds one row (a write is recorded by what it
changed: the log's revisions, a meeting's record). An export or a check says so itself
(`access.record_as`). One insert per request at most, whatever the page shows.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from .access import ACCESSED, ACTION
from .models import AccessRecord

READS = ("GET", "HEAD")


class AccessRecordMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        workspace = getattr(request, ACCESSED, None)
        if workspace is None or response.status_code >= 400 or not request.user.is_authenticated:
            return response
        action, what = getattr(request, ACTION, (None, ""))
        if action is None:
            if request.method not in READS or response.status_code != 200:
                return response
            action, what = AccessRecord.Action.VIEWED, request.path[:300]
        AccessRecord.objects.create(
            workspace_id=workspace,
            user_id=request.user.pk,
            who=request.user.email,
            action=action,
            what=what,
            at=timezone.now(),
        )
        return response
