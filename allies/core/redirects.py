"""Going back where a form was posted from, and nowhere else."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_next(request: HttpRequest, default: str, *args: object) -> HttpResponseRedirect:
    """Redirect to the posted `next` if it is a page of this site (over HTTPS when the
    request was), else to `default` (a URL name or path, with `args`)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(resolve_url(default, *args))


def local_path(value: str | None) -> str | None:
    """`value` when it is a path on this site ("/log/?q=x"), else None: never another
    site's address, a scheme-relative "//host" or a backslash trick."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return None
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return None
    return value
