"""PDFs fetch nothing but the app's own static files, whatever the HTML names."""

from __future__ import annotations

import io

from pypdf import PdfReader

from allies.core import pdf

HUGE_DATA = "data:image/png;base64," + "A" * 2_000_000


def test_only_static_files_are_fetched() -> None:
    fetcher = pdf._fetcher()
    html = (
        '<html><head><link rel="stylesheet" href="/static/allies/print.css">'
        '<link rel="stylesheet" href="http://example.com/x.css">'
        '<link rel="stylesheet" href="/static/../settings.py"></head>'
        '<body><h1>Hola, ñandú</h1><img src="file:///etc/passwd">'
        f'<img src="{HUGE_DATA}"><img src="https://allies.invalid/media/x.png">'
        '<img src="//evil.example/y.png"></body></html>'
    )
    document = pdf.html_to_pdf(html, fetcher=fetcher)
    assert "ñandú" in PdfReader(io.BytesIO(document)).pages[0].extract_text()
    refused = fetcher.refused
    assert "http://example.com/x.css" in refused
    assert "file:///etc/passwd" in refused
    assert any(url.startswith("data:") for url in refused)
    assert "https://allies.invalid/media/x.png" in refused
    assert any("evil.example" in url for url in refused)
    assert any("settings.py" in url for url in refused)
    # The app's own stylesheet was served, not refused.
    assert not any(url.endswith("print.css") for url in refused)


def test_a_static_url_names_one_of_our_files() -> None:
    assert pdf.static_path("https://allies.invalid/static/allies/print.css") is not None
    assert pdf.static_path("https://allies.invalid/static/") is None
    assert pdf.static_path("https://allies.invalid/static/allies/missing.css") is None
    assert pdf.static_path("http://allies.invalid/static/allies/print.css") is None
    assert pdf.static_path("file:///static/allies/print.css") is None
