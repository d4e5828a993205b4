from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
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
