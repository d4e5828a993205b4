from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """Show dates in the user's time zone and pages in the user's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
            request.LANGUAGE_CODE = user.language
            # For this request only: the thread does not keep the user's language after
            # it (a command or a test run next in the same thread would speak it).
            with translation.override(user.language):
                response = self.get_response(request)
            response.headers.setdefault("Content-Language", user.language)
            return response
        timezone.deactivate()
        return self.get_response(request)


class LeavingMiddleware:
    """Someone who asked for their account to be deleted sees only the page that offers to
    keep it (and what they may still do: take everything, read the privacy page, log out)
    until it is removed. Reads nothing: `leaving_at` comes with the session's user."""

    ALLOWED = ("account_leaving", "everything", "privacy", "logout")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and getattr(user, "leaving_at", None) is not None:
            allowed = {reverse(name) for name in self.ALLOWED}
            if request.path_info not in allowed:
                return redirect("account_leaving")
        return self.get_response(request)
