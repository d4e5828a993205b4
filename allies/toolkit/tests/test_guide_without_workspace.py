"""Someone in no workspace (new, or who left their last one) is led to create one, from the
guide as from home."""

from __future__ import annotations

from typing import Any

import pytest

from allies.toolkit.guide import PAGES
from tests.support import LOGIN, assert_outcome, client_for, make_user

GUIDE_URLS = ["/guide/", f"/guide/{PAGES[0].slug}/"]


@pytest.mark.parametrize("url", ["/", *GUIDE_URLS])
def test_without_a_workspace_the_guide_leads_to_the_workspace_list_like_home(
    db: Any, url: str
) -> None:
    response = client_for(make_user("new@example.com")).get(url)
    assert response.status_code == 302
    assert response["Location"] == "/workspaces/"


@pytest.mark.parametrize("url", GUIDE_URLS)
def test_with_a_workspace_the_guide_opens(alice: Any, workspace: Any, url: str) -> None:
    assert client_for(alice).get(url).status_code == 200


@pytest.mark.parametrize("url", GUIDE_URLS)
def test_anonymous_visitors_are_asked_to_log_in(db: Any, url: str) -> None:
    assert_outcome(client_for(None).get(url), LOGIN)


def test_an_unknown_page_is_still_not_found_without_a_workspace(db: Any) -> None:
    assert client_for(make_user("new@example.com")).get("/guide/nope/").status_code == 404
