"""Read what a view answered: its page, its messages, its form fields and errors, its SQL."""

from __future__ import annotations

import html
import re
from typing import Any

from django.http import HttpResponse

# Text fields get this; every page that shows them must show it inert.
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def page_of(response: Any) -> str:
    return response.content.decode()


def messages_of(response: Any) -> list[str]:
    """The texts of the messages (django.contrib.messages) the response shows."""
    return [str(m) for m in response.context["messages"]]


def between(page: str, start: str, end: str) -> str:
    """The part of `page` from the first `start` to the next `end` after it."""
    begin = page.index(start)
    return page[begin : page.index(end, begin)]


def textarea(page: str, name: str = "body") -> str:
    """What the textarea called `name` holds, as the browser would show it."""
    found = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, f"no {name} textarea"
    text = found.group(1)
    # A browser drops one newline right after <textarea> (Django's widget writes one).
    return html.unescape(text[1:] if text.startswith("\n") else text)


def input_value(page: str, name: str) -> str:
    """The value of the text input called `name`."""
    found = re.search(rf'<input type="text" name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} input with a value"
    return html.unescape(found.group(1))


def chart_parts(page: str) -> list[str]:
    """The charts (<figure class="chart">) of a page."""
    return re.findall(r'<figure class="chart".*?</figure>', page, re.S)


def assert_charts(page: str, count: int = 2) -> list[str]:
    """The page has `count` charts, each with a title, a summary and its numbers as a table."""
    figures = chart_parts(page)
    assert len(figures) == count
    for figure in figures:
        svg = between(figure, "<svg", "</svg>")
        assert re.search(r"<title id=\"[\w-]+-title\">[^<]+</title>", svg), "the chart has no title"
        assert "<desc " in svg
        table = between(figure, "<table>", "</table>")
        body = between(table, "<tbody>", "</tbody>")
        assert body.count("<tr>") == 12, "the numbers table needs one row per month"
    return figures


def assert_escaped(response: HttpResponse) -> None:
    page = response.content.decode()
    assert PAYLOAD not in page, "user-typed HTML reached the page unescaped"
    assert ESCAPED in page, "the user-typed text is missing from the page"


def field_error(response: HttpResponse, field: str) -> str:
    """The error shown next to `field` (forms render it as #id_<field>_error, or with
    their own word for id_ when several forms share a page: #step-<field>_error)."""
    page = response.content.decode()
    found = re.search(
        rf'<small class="error" id="(?:id_|[a-z]+-){field}_error">(.*?)</small>', page, re.S
    )
    assert found, f"no error is shown next to the {field!r} field"
    return html.unescape(found.group(1)).strip()


def queries_for(client: Any, url: str, **extra: Any) -> list[str]:
    """The SQL that one GET of `url` runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200, response.status_code
    return [q["sql"] for q in captured.captured_queries]


def assert_same_queries(page: str, small: list[str], large: list[str]) -> None:
    """Fail, explaining why it matters, when a page's query count grows with the data."""
    assert len(small) == len(large), (
        f"{page} ran {len(small)} queries with 10 entries but {len(large)} with 1,000. "
        "A page must run a fixed number of queries whatever the size of the log: one "
        "query per row (N+1) makes it slower with every entry a family adds.\n\n"
        "With 1,000 entries:\n" + "\n".join(large)
    )
