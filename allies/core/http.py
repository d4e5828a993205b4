"""Requests as the middleware leaves them, for type checking views."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """Every request: django-htmx's middleware sets `htmx` on each one."""

    htmx: HtmxDetails
