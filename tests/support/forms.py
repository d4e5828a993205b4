"""POST data for the app's main forms, valid unless a test overrides a field."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone


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


# The toolkit's compose page: drafting, checking, logging and sending a message.
COMPOSE = "/toolkit/compose/"


def compose_data(members: list[Any], **overrides: Any) -> dict[str, Any]:
    """POST data for the compose form: a check-in to `members`, logged as it is."""
    data: dict[str, Any] = {
        "action": "log",
        "kind": "check_in",
        "recipients": [m.pk for m in members],
        "student": "",
        "language": "en",
        "subject": "Checking in about Maya",
        "body": "Hi Ms. Lee,\n\nHow is the week going?\n\nBest,\nAlice",
        "month": "",
        "form_token": "token-1",
    }
    data.update(overrides)
    return data
