"""How a meeting's page and its prep packet scale with what the workspace holds.

Small: 3 concerns, 20 insights, 100 log entries; large: 30 concerns, 200 insights,
10,000 log entries (made in bulk, 8 team members). Each workspace has one meeting about
its student, with the same checklist, agenda, decisions and action items, so the pages
show about as much at both sizes and differ in what they choose from.

Prints the median time and query count of the meeting page, the packet's HTML and its
PDF (WeasyPrint) at each size and the ratio large/small. Target: the same query counts
and a ratio of at most 1.5 for the page and the packet's HTML.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import _setup
from django.test import Client
from django.utils import timezone

SIZES = {"small": (3, 20, 100), "large": (30, 200, 10_000)}
REPEAT = 20
PDF_REPEAT = 5


def meeting_world(name: str, concerns: int, insights: int, entries: int) -> tuple[object, int]:
    from allies.meetings import services
    from allies.meetings.models import Insight
    from allies.students.models import Student
    from allies.team.models import TeamMember

    user, workspace = _setup.fill_workspace(name, entries=entries, members=8)
    student = Student.objects.create(workspace=workspace, name="Maya R.", strengths="Curious")
    team = list(TeamMember.objects.filter(workspace=workspace).order_by("pk"))
    today = timezone.localdate()
    for i in range(concerns):
        services.concern_raise(
            workspace=workspace, author=user, title=f"Concern {i}", student=student
        )
    Insight.objects.bulk_create(
        Insight(
            workspace=workspace,
            student=student,
            observed=f"Seen at home {i}",
            what_works="Visual schedule",
            shared_by=team[i % len(team)] if i % 2 else None,
            observed_on=today - datetime.timedelta(days=i % 80),
            created_by=user,
        )
        for i in range(insights)
    )
    meeting = services.meeting_plan(
        workspace=workspace,
        author=user,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        student=student,
        attendees=team[:4],
        place="Room 12",
    )
    for i in range(5):
        services.agenda_item_add(meeting=meeting, text=f"Point {i}")
        services.decision_add(meeting=meeting, author=user, text=f"Decision {i}")
        services.action_item_add(
            workspace=workspace,
            author=user,
            meeting=meeting,
            text=f"Step {i}",
            owner=team[i % 4],
            due=today + datetime.timedelta(days=i + 1),
        )
    return user, meeting.pk


def getter(client: Client, url: str) -> Callable[[], None]:
    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return get


def main() -> int:
    clients: dict[str, Client] = {}
    meetings: dict[str, int] = {}
    for size, (concerns, insights, entries) in SIZES.items():
        user, meeting_id = meeting_world(f"meet-{size}", concerns, insights, entries)
        client = Client()
        client.force_login(user)
        clients[size], meetings[size] = client, meeting_id
    pages = {
        "meeting page": ("/meetings/{}/", REPEAT, True),
        "packet (HTML)": ("/meetings/{}/packet/", REPEAT, True),
        "packet (PDF)": ("/meetings/{}/packet.pdf", PDF_REPEAT, False),
    }
    failed = False
    print(f"{'page':<16}{'small: ms':>11}{'q':>4}{'large: ms':>11}{'q':>4}{'ratio':>8}")
    for label, (path, repeat, held_to_ratio) in pages.items():
        (t_small, q_small), (t_large, q_large) = _setup.measure_pair(
            getter(clients["small"], path.format(meetings["small"])),
            getter(clients["large"], path.format(meetings["large"])),
            repeat=repeat,
        )
        ratio = t_large / t_small
        over = q_small != q_large or (held_to_ratio and ratio > 1.5)
        failed |= over
        print(
            f"{label:<16}{t_small * 1000:>11.1f}{q_small:>4}{t_large * 1000:>11.1f}"
            f"{q_large:>4}{ratio:>8.2f}{'  <-- over target' if over else ''}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
