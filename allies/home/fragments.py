"""Home's team section, drawn once and kept until something it shows changes.

Who is due for a check-in and the team table, with the quick add's "Who" list, are most
of home's work (the window figures' query, fifty members' figures, fifty rows of HTML),
and they stay the same from one load to the next until someone logs something, the team
changes or the day turns. So they are kept, in the `fragments` cache, under a key made of
everything they are drawn from:
- the team as `team_rows` reads it on every load, in one statement: each active member's
  every column and last contact, and the workspace's `log_seq`, which every change to the
  log moves (each one seals a revision), so every figure of every member is covered;
- the workspace, the reader's role, the day, the time zone, the language and the URL
  prefix the section was drawn for.
A key that changes is a new entry, drawn from the database; nothing is ever cleared by
hand, so nothing can be forgotten. What each load still reads is the team (the first of
the three team reads); the window figures and follow-ups are read only to draw anew.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import caches
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from allies.log.forms import member_choices
from allies.relationships.health import TeamHealth, team_health, team_rows
from allies.relationships.tables import contact_rows
from allies.workspaces.models import Membership

CACHE = "fragments"
KEPT_FOR = 24 * 60 * 60  # seconds; by then the day in the key has moved on


@dataclass(frozen=True)
class TeamSection:
    html: SafeString  # `home/_team_status.html`, as the page includes it
    choices: list[tuple[int, str]]  # quick add's "Who": the active team, in its order
    has_team: bool


def team_section(
    membership: Membership, today: datetime.date, *, oob: bool = False
) -> tuple[TeamSection, TeamHealth | None]:
    """Home's team section for `membership`'s workspace on `today`, and the team's
    figures when they had to be worked out for it (None when the section was kept)."""
    workspace = membership.workspace
    team = team_rows(workspace)
    parts = (
        workspace.pk,
        membership.role,
        today.isoformat(),
        timezone.get_current_timezone_name(),
        translation.get_language(),
        get_script_prefix(),
        oob,
        team.digest(),
    )
    key = (
        f"home-team:{workspace.pk}:"
        + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    )
    cache = caches[CACHE]
    kept: TeamSection | None = cache.get(key)
    if kept is not None:
        return kept, None
    health = team_health(workspace, today=today, team=team)
    members = [h.member for h in health.members]
    html = render_to_string(
        "home/_team_status.html",
        {
            "contacts": health.members,
            "contact_rows": contact_rows(health.members),
            "due": health.losing_touch,
            "oob": oob,
        },
    )
    # The template's output, as `{% include %}` would have put it in the page.
    section = TeamSection(mark_safe(html), member_choices(members), bool(members))  # noqa: S308
    cache.set(key, section, KEPT_FOR)
    return section, health
