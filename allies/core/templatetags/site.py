"""`{% site_header %}`: the header every page has, drawn once per language and page.

The header's menu was a third of a small page's template time: sixteen `{% url %}`s,
twenty `{% translate %}`s and eleven looks at `request.resolver_match`, all giving the
same HTML on every request to the same page in the same language. `_site_header.html`
is rendered once for each language, URL prefix, page name and signed-in state, with
stand-ins for what does change from one request to the next (the workspace's name and
the logout form's CSRF token); each request joins the pieces with its own values.
The test keeps the header as base.html wrote it and checks the two agree.
"""

from __future__ import annotations

import threading
from typing import Any

from django import template
from django.template.context import Context
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# Stand-ins: words no translation, URL or escaping changes, that a page never writes.
_NAME = "AlliesStandInWorkspaceName9f41c2"
_TOKEN = "AlliesStandInCsrfToken77d0be"
_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'  # as csrf_token
_KEPT = 512  # languages x page names x states: far fewer in practice

# key -> the header as text between its holes: (text, hole, text, hole, ..., text)
_drawn: dict[tuple[object, ...], tuple[str, ...]] = {}
_lock = threading.Lock()


def _draw(
    key: tuple[object, ...], url_name: str | None, authenticated: bool, named: bool
) -> tuple[str, ...]:
    html = get_template("_site_header.html").render(
        {
            "authenticated": authenticated,
            "url_name": url_name,
            "workspace_name": _NAME if named else "",
            "csrf_token": _TOKEN,
        }
    )
    pieces: list[str] = []
    for i, part in enumerate(html.removesuffix("\n").split(_CSRF_INPUT.format(_TOKEN))):
        if i:
            pieces.append(_TOKEN)
        for j, text in enumerate(part.split(_NAME)):
            if j:
                pieces.append(_NAME)
            if _TOKEN in text:
                raise ValueError("_site_header.html uses the CSRF token other than in csrf_token")
            pieces.append(text)
    with _lock:
        if len(_drawn) >= _KEPT:
            _drawn.clear()
        _drawn[key] = drawn = tuple(pieces)
    return drawn


@register.simple_tag(takes_context=True)
def site_header(context: Context) -> SafeString:
    request = context.get("request")
    user = context.get("user")
    authenticated = bool(user is not None and user.is_authenticated)
    match = getattr(request, "resolver_match", None)
    url_name = match.url_name if match is not None else None
    membership: Any = context.get("current_membership")
    named = bool(membership)
    key = (get_language(), get_script_prefix(), get_urlconf(), url_name, authenticated, named)
    drawn = _drawn.get(key) or _draw(key, url_name, authenticated, named)
    out: list[str] = []
    for piece in drawn:
        if piece is _TOKEN:
            token = context.get("csrf_token")
            # As `{% csrf_token %}` writes it: nothing without a token.
            if token and token != "NOTPROVIDED":
                out.append(format_html(_CSRF_INPUT, token))
        elif piece is _NAME:
            out.append(conditional_escape(membership.workspace.name))
        else:
            out.append(piece)
    # Text the template wrote, and values escaped here.
    return mark_safe("".join(out))  # noqa: S308
