"""Links into one workspace from outside a session (the weekly digest's, say)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode


def open_link(workspace_id: int, path: str) -> str:
    """A path that opens `path` in the workspace `workspace_id`: straight there when the
    reader is already working in it, else after they confirm the switch (a POST)."""
    return f"{reverse('workspace_open', args=[workspace_id])}?{urlencode({'next': path})}"
