from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control


class HtmxLoginRedirectMiddleware:
    """When the session has ended, send an htmx request's whole page to the login page.

    Otherwise htmx follows the redirect itself and swaps the login page into the card
    that asked, and logging in from there leads to a URL that only takes POSTs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or response.status_code != 302:
            return response
        login_path = resolve_url(settings.LOGIN_URL)
        if urlsplit(response.get("Location", "")).path != login_path:
            return response
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        back_to = current.path if current.path else "/"
        if current.query:
            back_to += "?" + current.query
        login = redirect_to_login(back_to, login_path)
        replacement = HttpResponse(status=200)
        replacement["HX-Redirect"] = login["Location"]
        return replacement


class PrivatePagesMiddleware:
    """Pages for a signed-in user are never stored by the browser or a proxy.

    On a shared computer, Back after logging out must not show a child's records.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            patch_cache_control(response, private=True, no_store=True)
        return response
