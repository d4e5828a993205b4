from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme


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


class FriendlyMethodNotAllowedMiddleware:
    """A GET on an address that only takes a form's POST gets a page that says so.

    Buttons that change something post a form (log out, quick add, switch workspace,
    the focus actions, ...); opening their address as a link (a bookmark, a shared link,
    Back, or logging in again on the way to one) used to answer Django's blank 405. It
    still answers 405 with its Allow header, now with a page that explains and leads
    on. Last in MIDDLEWARE, so the page passes out through the security headers, the
    CSP and the no-store cache headers like any other.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or request.method not in ("GET", "HEAD"):
            return response
        referer = request.headers.get("Referer", "")
        back = referer if _same_site_page(request, referer) else ""
        page = render(request, "405.html", {"back_url": back}, status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page


def _same_site_page(request: HttpRequest, url: str) -> bool:
    """A page of this site other than the one asked for: somewhere to go back to."""
    if not url or urlsplit(url).path == request.path:
        return False
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
