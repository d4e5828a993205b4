"""HTML to PDF through WeasyPrint, fetching nothing but the app's own static files.

A packet or a printable page is rendered from a Django template, where everything a user
typed is escaped; even so, WeasyPrint would fetch any stylesheet, image or font URL the
HTML names (`http://…`, `file:///…`, a huge `data:` URL). The fetcher here serves only
files under STATIC_URL from the static finders, and refuses everything else, so a PDF
can never read the machine's files or call out to the network.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse

# The base of relative URLs in the HTML: a host that cannot exist (RFC 2606), so that
# resolving "/static/…" against it can only ever mean one of our files.
BASE_URL = "https://allies.invalid/"
_HOST = urlsplit(BASE_URL).netloc


class FetchRefused(ValueError):
    """A URL that is not one of the app's static files."""


def static_path(url: str) -> Path | None:
    """The file of the app's own static URL `url` (resolved against BASE_URL), else None."""
    parts = urlsplit(url)
    static = settings.STATIC_URL or "/static/"
    if parts.scheme != "https" or parts.netloc != _HOST or not parts.path.startswith(static):
        return None
    relative = unquote(parts.path[len(static) :])
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    return Path(found) if isinstance(found, str) else None


def _fetcher() -> Any:
    # Imported here: WeasyPrint loads Pango and fonts, which only PDF pages need.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no types
        """Serves the app's static files; refuses (and notes) every other URL."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=())
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            path = static_path(url)
            if path is None:
                self.refused.append(url[:200])
                raise FetchRefused(url[:80])
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})

    return StaticOnlyFetcher()


def html_to_pdf(html: str, *, fetcher: Any = None) -> bytes:
    """The PDF of `html`; `fetcher` (from `_fetcher()`) lets a test see what was refused."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher or _fetcher())
    pdf: bytes = document.write_pdf()
    return pdf


def pdf_response(html: str, filename: str) -> HttpResponse:
    """A PDF download. `filename` is ours (ASCII, no user text), so it needs no quoting."""
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
