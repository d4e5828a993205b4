"""The toolkit's hub: a way into every kind of draft, the month on offer, and the rest."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from allies.toolkit.defaults import KINDS
from allies.toolkit.drafts import update_month_offer
from tests.support import client_for, page_of


def test_the_hub_links_the_month_on_offer(alice: Any, workspace: Any) -> None:
    page = page_of(client_for(alice).get("/toolkit/"))
    offer = update_month_offer(timezone.localdate()) or timezone.localdate().replace(day=1)
    assert f'href="/toolkit/monthly/?month={offer:%Y-%m}"' in page
    for kind in KINDS:
        assert f'href="/toolkit/compose/?kind={kind.key}"' in page


def test_viewers_see_the_hub_without_writing_links(vera: Any) -> None:
    page = page_of(client_for(vera).get("/toolkit/"))
    assert "/toolkit/compose/" not in page
    assert "/toolkit/monthly/" not in page
    assert "/toolkit/questions/" in page and "/guide/" in page
