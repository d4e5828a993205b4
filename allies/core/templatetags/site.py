"""`{% site_header %}`: the header every page has, drawn once per language and page.

The header's menu was a third of a small page's template time: sixteen `{% url %}`s,
twenty `{% translate %}`s and eleven looks at `request.resolver_match`, all giving the
same HTML on every request to the same page in the same language. `_site_header.html`
is rendered once for each language, URL prefix, page name and signed-in state, with
stand-ins for what does change from one request to the next (the workspace's name and
the logout form's CSRF token; core.kept); each request fills in its own values.
The test keeps the header as base.html wrote it and checks the two agree.
"""

from __future__ import annotations

import threading
from typing import Any

from django import template
from django.template.context import Context
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from allies.core.kept import CSRF_HOLE, CSRF_STAND_IN, Drawn, csrf_input, draw

register = template.Library()

_NAME = "AlliesStandInWorkspaceName9f41c2"  # a stand-in (core.kept)
_KEPT = 512  # languages x page names x states: far fewer in practice

_drawn: dict[tuple[object, ...], Drawn] = {}
_lock = threading.Lock()


def _draw(key: tuple[object, ...], url_name: str | None, authenticated: bool, named: bool) -> Drawn:
    html = get_template("_site_header.html").render(
        {
            "authenticated": authenticated,
            "url_name": url_name,
            "workspace_name": _NAME if named else "",
            "csrf_token": CSRF_STAND_IN,
        }
    )
    drawn = draw(html.removesuffix("\n"), {"name": _NAME, "csrf": CSRF_HOLE})
    with _lock:
        if len(_drawn) >= _KEPT:
            _drawn.clear()
        _drawn[key] = drawn
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
    return drawn.fill(
        {
            "name": str(conditional_escape(membership.workspace.name)) if named else "",
            "csrf": csrf_input(context.get("csrf_token")),
        }
    )
