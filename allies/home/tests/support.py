"""Helpers the test modules of every app share, beside the personas in conftest.py."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

LOGIN = "login"
# Text fields get this; every page that shows them must show it inert.
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def assert_outcome(response: HttpResponse, expected: int | str) -> None:
    """`expected` is a status code, or LOGIN for a redirect to the login page."""
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/accounts/login/?next="), response["Location"]
    else:
        assert response.status_code == expected, f"expected {expected}, got {response.status_code}"


def assert_escaped(response: HttpResponse) -> None:
    page = response.content.decode()
    assert PAYLOAD not in page, "user-typed HTML reached the page unescaped"
    assert ESCAPED in page, "the user-typed text is missing from the page"


def field_error(response: HttpResponse, field: str) -> str:
    """The error shown next to `field` (forms render it as #id_<field>_error)."""
    page = response.content.decode()
    found = re.search(rf'<small class="error" id="id_{field}_error">(.*?)</small>', page, re.S)
    assert found, f"no error is shown next to the {field!r} field"
    return html.unescape(found.group(1)).strip()


def minute(value: datetime.datetime | None = None) -> datetime.datetime:
    """An aware time without seconds: what a datetime-local field round-trips."""
    value = value or timezone.now() - datetime.timedelta(days=1)
    return value.replace(second=0, microsecond=0)


def local_input(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def entry_data(members: list[Any], **overrides: Any) -> dict[str, Any]:
    """POST data for the full entry form."""
    data: dict[str, Any] = {
        "occurred_at": local_input(minute()),
        "participants": [m.pk for m in members],
        "channel": "email",
        "direction": "sent",
        "purposes": ["32"],
        "tone": "neutral",
        "summary": "Asked about the reading plan.",
        "follow_up_due": "",
        "student": "",
    }
    data.update(overrides)
    return data


def entry_data_from(entry: Any, **overrides: Any) -> dict[str, Any]:
    """POST data that says exactly what `entry` says now."""
    data = {
        "occurred_at": local_input(entry.occurred_at),
        "participants": [m.pk for m in entry.participants.all()],
        "channel": entry.channel,
        "direction": entry.direction,
        "purposes": [str(p.value) for p in entry.purpose_list],
        "tone": entry.tone,
        "summary": entry.summary,
        "follow_up_due": entry.follow_up_due.isoformat() if entry.follow_up_due else "",
        "student": entry.student_id or "",
    }
    data.update(overrides)
    return data


def student_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Sam T.",
        "grade": "3",
        "school": "Lincoln Elementary",
        "iep_start": "",
        "annual_review_due": "",
        "reevaluation_due": "",
        "progress_reports": "quarterly",
        "progress_reports_note": "",
    }
    data.update(overrides)
    return data


def member_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Ms. Park",
        "role": "speech",
        "role_other": "",
        "email": "",
        "phone": "",
        "preferred_channel": "email",
        "language": "en",
        "best_times": "",
        "cadence_days": "14",
        "communication_style": "",
        "constraints": "",
        "strengths": "",
        "active": "on",
    }
    data.update(overrides)
    return data


def seed_entries(
    workspace: Any, author: Any, members: list[Any], count: int, **fields: Any
) -> None:
    """`count` log entries in two bulk inserts: rows plus participants, no revisions.

    Lists and dashboards read only these tables, so this is enough to measure them at scale.
    """
    from allies.log.models import Interaction, Purpose
    from allies.team.models import TeamMember

    now = timezone.now()
    values: dict[str, Any] = {
        "channel": "email",
        "direction": "sent",
        "purposes": int(Purpose.CHECK_IN),
        "tone": "neutral",
        "summary": "Talked about reading at home.",
    }
    values.update(fields)
    rows = Interaction.objects.bulk_create(
        Interaction(
            workspace=workspace,
            author=author,
            occurred_at=now - datetime.timedelta(hours=i + 1),
            **values,
        )
        for i in range(count)
    )
    # The through model may carry a copy of the entry's time for fast "last contact".
    through = Interaction.participants.through
    names = {f.name for f in through._meta.get_fields()}
    member_fk = next(f.name for f in through._meta.get_fields() if f.related_model is TeamMember)
    through.objects.bulk_create(
        through(
            interaction=row,
            **{member_fk: member},
            **({"occurred_at": row.occurred_at} if "occurred_at" in names else {}),
        )
        for row in rows
        for member in members
    )


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
