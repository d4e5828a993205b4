from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .access import current_membership, memberships_for


def workspaces(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "all_memberships": list(memberships_for(request).values()),
        "current_membership": current_membership(request),
    }
