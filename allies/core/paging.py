"""The page of a list a request asks for, and the links to the others."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def page_of(request: HttpRequest, rows: Any, count: int | None = None) -> tuple[Page[Any], str]:
    """The requested page of `rows` (PAGE_SIZE a page; a page number that makes no sense
    gives the nearest page), and the request's query string without the page number,
    which the pagination links carry so that the filters stay applied. `count` is how
    many `rows` there are, if the caller knows (else they are counted)."""
    paginator = Paginator(rows, settings.PAGE_SIZE)
    if count is not None:
        paginator.__dict__["count"] = count  # what the cached property would hold
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
