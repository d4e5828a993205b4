"""How home and the log list scale: 100 against 10,000 entries in one workspace.

Prints, per page, the median time and query count at each size and the ratio
10,000/100. Target: the same query counts, and a ratio of at most 1.5.
"""

from __future__ import annotations

from collections.abc import Callable

import _setup
from django.test import Client

SMALL, LARGE = 100, 10_000
REPEAT = 40
PAGES = {
    "home": "/",
    "log list": "/log/",
    # Filters that fill a whole page at both sizes, so both render the same amount.
    "log, filtered": "/log/?tone=positive&channel=email",
    "log, search": "/log/?q=reading+calm",
}


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def main() -> int:
    clients = {}
    for size in (SMALL, LARGE):
        user, _workspace = _setup.fill_workspace(f"bench{size}", entries=size)
        clients[size] = client_for(user)
    failed = False
    print(f"{'page':<16}{'100: ms':>9}{'q':>4}{'10k: ms':>10}{'q':>4}{'ratio':>8}")
    for label, url in PAGES.items():

        def getter(client: Client, url: str = url) -> Callable[[], None]:
            def get() -> None:
                response = client.get(url)
                assert response.status_code == 200, response.status_code

            return get

        (t_small, q_small), (t_large, q_large) = _setup.measure_pair(
            getter(clients[SMALL]), getter(clients[LARGE]), repeat=REPEAT
        )
        ratio = t_large / t_small
        flag = "" if q_small == q_large and ratio <= 1.5 else "  <-- over target"
        failed |= bool(flag)
        print(
            f"{label:<16}{t_small * 1000:>9.1f}{q_small:>4}{t_large * 1000:>10.1f}"
            f"{q_large:>4}{ratio:>8.2f}{flag}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
