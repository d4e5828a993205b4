"""How the relationship pages scale: 100 against 10,000 entries, 50 team members.

Two shapes of log, each at both sizes:
- "years": entries spread over four years, as a busy school workspace accumulates
  them (10,000 is about 50 a week); the health windows hold a year of it.
- "one year": every entry in the last twelve months, the worst case for the windows
  (90 days, 12 months) that the figures aggregate.

Prints, per page and shape, the median time and query count at each size and the
ratio 10,000/100. Target: the same query counts, and a ratio of at most 1.5 for the
relationships page.
"""

from __future__ import annotations

from collections.abc import Callable

import _setup
from django.test import Client

SMALL, LARGE = 100, 10_000
MEMBERS = 50
REPEAT = 30
SHAPES = {"years": 4 * 365, "one year": 360}


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def getter(client: Client, url: str) -> Callable[[], None]:
    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    return get


def main() -> int:
    failed = False
    print(f"{'page':<28}{'100: ms':>9}{'q':>4}{'10k: ms':>10}{'q':>4}{'ratio':>8}")
    for shape, span in SHAPES.items():
        clients, member_urls = {}, {}
        for size in (SMALL, LARGE):
            user, workspace = _setup.fill_workspace(
                f"rel{size}{span}", entries=size, members=MEMBERS, span_days=span
            )
            clients[size] = client_for(user)
            member_urls[size] = f"/team/{workspace.team_members.order_by('pk').first().pk}/"
        pages: dict[str, tuple[str, str]] = {
            "relationships": ("/relationships/", "/relationships/"),
            "home": ("/", "/"),
            "member page": (member_urls[SMALL], member_urls[LARGE]),
        }
        for label, (small_url, large_url) in pages.items():
            (t_small, q_small), (t_large, q_large) = _setup.measure_pair(
                getter(clients[SMALL], small_url),
                getter(clients[LARGE], large_url),
                repeat=REPEAT,
            )
            ratio = t_large / t_small
            over = q_small != q_large or (label == "relationships" and ratio > 1.5)
            flag = "  <-- over target" if over else ""
            failed |= over
            name = f"{label} ({shape})"
            print(
                f"{name:<28}{t_small * 1000:>9.1f}{q_small:>4}{t_large * 1000:>10.1f}"
                f"{q_large:>4}{ratio:>8.2f}{flag}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
