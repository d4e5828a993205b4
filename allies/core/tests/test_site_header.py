"""`{% site_header %}` writes what base.html's header wrote, whoever asks and wherever."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Engine
from django.test import Client, RequestFactory
from django.urls import resolve, set_script_prefix
from django.utils import translation

# The header as base.html wrote it before the tag: the reference.
OLD = Engine.get_default().from_string((Path(__file__).parent / "old_site_header.html").read_text())
NEW = Engine.get_default().from_string("{% load site %}{% site_header %}")

SIGNED_IN = SimpleNamespace(is_authenticated=True)


def context(path: str | None, **values: Any) -> Context:
    request = RequestFactory().get(path or "/nowhere/")
    request.resolver_match = resolve(path) if path else None
    return Context({"request": request, **values})


def both(ctx: Context) -> tuple[str, str]:
    # The old lines came after two spaces and before a line break, which base.html keeps.
    return OLD.render(ctx).removeprefix("\n  ").removesuffix("\n"), NEW.render(ctx)


CASES = {
    "anonymous": lambda: context("/accounts/login/", user=AnonymousUser(), csrf_token="t0k"),
    "no user at all": lambda: context(None),
    "home": lambda: context("/", user=SIGNED_IN, csrf_token="abc"),
    "log": lambda: context("/log/", user=SIGNED_IN, csrf_token="abc"),
    "relationships": lambda: context("/relationships/", user=SIGNED_IN, csrf_token="abc"),
    "an entry": lambda: context("/log/5/", user=SIGNED_IN, csrf_token="abc"),
    "no page (a 404)": lambda: context(None, user=SIGNED_IN, csrf_token="abc"),
    "with a workspace": lambda: context(
        "/",
        user=SIGNED_IN,
        csrf_token='x"<y>&',
        current_membership=SimpleNamespace(workspace=SimpleNamespace(name="<b>Lee & Ray's</b>")),
    ),
    "no token": lambda: context("/", user=SIGNED_IN),
    "token not provided": lambda: context("/", user=SIGNED_IN, csrf_token="NOTPROVIDED"),
}


# Django's own `{% csrf_token %}` warns about its "NOTPROVIDED" case, in the old header.
@pytest.mark.filterwarnings("ignore:Calling format_html:DeprecationWarning")
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("case", CASES)
def test_the_header_is_base_html_s(case: str, language: str) -> None:
    with translation.override(language):
        for _ in range(2):  # drawn, then from what was drawn
            old, new = both(CASES[case]())
            assert new == old


def test_the_script_prefix_is_followed() -> None:
    try:
        set_script_prefix("/allies/")
        old, new = both(CASES["home"]())
        assert new == old and 'href="/allies/log/"' in new
    finally:
        set_script_prefix("/")
    old, new = both(CASES["home"]())
    assert new == old and 'href="/log/"' in new


def test_a_page_shows_its_own_token_and_workspace(alice: Any, workspace: Any) -> None:
    client = Client()
    client.force_login(alice)
    page = client.get("/log/").content.decode()
    token = client.cookies["csrftoken"].value
    assert f'<span class="muted">{workspace.name}</span>' in page
    assert 'href="/log/" aria-current="page"' in page
    assert 'name="csrfmiddlewaretoken" value="' in page
    assert token
