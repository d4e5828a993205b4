"""Home's sections, drawn once and kept until something they show changes.

Home draws the same team section, quick add card and latest entries from one load to
the next until someone logs something, the team changes or the day turns, and drawing
them was most of its time. So they are kept, in the `fragments` cache, each under a key
made of everything it is drawn from:
- the team section (who is due, the team table) and the quick add card (its "Who" lists
  the active team): the team as `team_rows` reads it on every load, in one statement,
  each active member's every column and last contact with the workspace's `log_seq`,
  which every change to the log moves (each one seals a revision), so every figure of
  every member is covered; the window figures and follow-ups are read only to draw anew;
- the latest entries: the rows of the eight entries and of their people, read on every
  load as before; only making them into instances and cards is saved;
- the week's focus card: the focus and its member, student and entry (every column), its
  text as worked out on every load, the streak and the page's address (its forms
  come back to it); only the template is saved;
- "Coming up": the meetings and open action items in its window (every column, the
  action items' owners too) and the students (every column), read on every load;
- and for each, the workspace, the reader's role, the day, the time zone, the language
  and the URL prefix it was drawn for.
A key that changes is a new entry, drawn from the database; nothing is cleared by hand,
so nothing can be forgotten. The CSRF token and the quick add's one-time token are put
into the kept cards for each request (core.kept).
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from allies.core import kept
from allies.core.compiled import CompiledRead, Rows, Slot
from allies.core.dates import day_start
from allies.core.kept import CSRF_HOLE, CSRF_STAND_IN, Drawn, csrf_input, draw
from allies.log.forms import QuickAddForm, member_choices
from allies.log.models import Interaction, people_rows, with_people
from allies.meetings.dates import WARN_DAYS, actions_due, dates_that_matter, meetings_in
from allies.relationships.focus import FocusText
from allies.relationships.health import TeamHealth, team_health, team_rows
from allies.relationships.models import WeeklyFocus
from allies.relationships.tables import contact_rows
from allies.students.models import Student
from allies.workspaces.models import Membership, Workspace

LATEST = 8
HOME_DATES = 6  # dates on home's "Coming up"; a student's page has them all
FORM_TOKEN_STAND_IN = "AlliesStandInFormToken3b8e51"  # a stand-in (core.kept)

# Home's latest entries, on every home page: read without building the queryset each time.
_LATEST = CompiledRead(
    lambda workspace: Interaction.objects.current().filter(workspace=workspace)[:LATEST],
    workspace=Slot.ID,
)


@dataclass(frozen=True)
class TeamSection:
    html: SafeString  # `home/_team_status.html`, as the page includes it
    choices: list[tuple[int, str]]  # quick add's "Who": the active team, in its order
    has_team: bool
    quick_add: Drawn | None  # the unbound quick add card, for a reader who can write


def team_section(
    membership: Membership, today: datetime.date, *, oob: bool = False
) -> tuple[TeamSection, TeamHealth | None]:
    """Home's team section for `membership`'s workspace on `today`, and the team's
    figures when they had to be worked out for it (None when the section was kept)."""
    workspace = membership.workspace
    team = team_rows(workspace)
    name = kept.key("home-team", workspace.pk, membership.role, today, oob, team.digest())
    found: TeamSection | None = kept.cache().get(name)
    if found is not None:
        return found, None
    health = team_health(workspace, today=today, team=team)
    choices = member_choices(h.member for h in health.members)
    html = render_to_string(
        "home/_team_status.html",
        {
            "contacts": health.members,
            "contact_rows": contact_rows(health.members),
            "due": health.losing_touch,
            "oob": oob,
        },
    )
    card = None
    if membership.can_write and choices and not oob:
        card = _draw_quick_add(workspace, choices)
    # The template's output, as `{% include %}` would have put it in the page.
    section = TeamSection(mark_safe(html), choices, bool(choices), card)  # noqa: S308
    kept.cache().set(name, section, kept.KEPT_FOR)
    return section, health


def _draw_quick_add(workspace: Workspace, choices: list[tuple[int, str]]) -> Drawn:
    form = QuickAddForm(workspace=workspace, initial={"form_token": FORM_TOKEN_STAND_IN})
    form.show_team(choices)
    html = render_to_string(
        "home/_quick_add.html", {"quick_form": form, "csrf_token": CSRF_STAND_IN}
    )
    return draw(html, {"csrf": CSRF_HOLE, "form_token": FORM_TOKEN_STAND_IN})


def quick_add_card(request: HttpRequest, section: TeamSection) -> SafeString | None:
    """The kept quick add card with this request's CSRF token and a new one-time token
    (what `OnceForm` gives an unbound form), or None if this reader has none."""
    if section.quick_add is None:
        return None
    return section.quick_add.fill(
        {"csrf": csrf_input(get_token(request)), "form_token": uuid.uuid4().hex}
    )


def latest_section(
    workspace: Workspace, *, oob: bool = False
) -> tuple[SafeString, list[Interaction] | None]:
    """Home's latest entries (`home/_latest.html`), and the entries when they had to be
    made into cards for it (None when the section was kept)."""
    entries = _LATEST.fetch(workspace=workspace.pk)
    people = people_rows(entries.column("id"))
    name = kept.key("home-latest", workspace.pk, oob, entries.digest(), people.digest())
    found: SafeString | None = kept.cache().get(name)
    if found is not None:
        return found, None
    latest = with_people(_LATEST.instances(entries), people)
    html = mark_safe(render_to_string("home/_latest.html", {"latest": latest, "oob": oob}))  # noqa: S308
    kept.cache().set(name, html, kept.KEPT_FOR)
    return html, latest


def _columns(row: Model | None) -> tuple[Any, ...] | None:
    if row is None:
        return None
    return tuple(getattr(row, f.attname) for f in row._meta.concrete_fields)


def focus_section(
    request: HttpRequest,
    membership: Membership,
    focus: WeeklyFocus | None,
    text: FocusText | None,
    streak: int,
) -> SafeString:
    """`relationships/_focus.html` for this week's `focus`, described as `text`."""
    related = (focus.member, focus.student, focus.entry) if focus is not None else ()
    name = kept.key(
        "home-focus",
        membership.workspace_id,
        membership.role,
        request.get_full_path(),
        streak,
        _columns(focus),
        tuple(_columns(row) for row in related),
        dataclasses.astuple(text) if text is not None else None,
    )
    drawn: Drawn | None = kept.cache().get(name)
    if drawn is None:
        context = {
            "request": request,
            "membership": membership,
            "focus": focus,
            "focus_text": text,
            "streak": streak,
            "csrf_token": CSRF_STAND_IN,
        }
        drawn = draw(render_to_string("relationships/_focus.html", context), {"csrf": CSRF_HOLE})
        kept.cache().set(name, drawn, kept.KEPT_FOR)
    return drawn.fill({"csrf": csrf_input(get_token(request))})


# Home's "Coming up": the meetings in the next WARN_DAYS and the open action items due by
# then, read on every load without building their querysets; drawn only when they, the
# students or the day changed.
_COMING_MEETINGS = CompiledRead(
    meetings_in, workspace=Slot.ID, students=Slot.IDS, start=Slot.DATETIME, end=Slot.DATETIME
)
_COMING_ACTIONS = CompiledRead(actions_due, workspace=Slot.ID, students=Slot.IDS, end=Slot.DATE)


def coming_section(
    workspace: Workspace, students: Rows, roster: list[Student], today: datetime.date
) -> SafeString:
    """Home's "Coming up" card (`home/_coming.html`): action items past due, then what
    falls within WARN_DAYS, for the students `roster` (their `students` rows)."""
    end = today + datetime.timedelta(days=WARN_DAYS)
    # With no students yet, an id no row has: the compiled `__in` needs one placeholder,
    # and the meetings and action items about nobody in particular still come.
    ids = [s.pk for s in roster] or [0]
    meeting_rows = _COMING_MEETINGS.fetch(
        workspace=workspace.pk, students=ids, start=day_start(today), end=day_start(end)
    )
    action_rows = _COMING_ACTIONS.fetch(workspace=workspace.pk, students=ids, end=end)
    name = kept.key(
        "home-coming",
        workspace.pk,
        today,
        students.digest(),
        meeting_rows.digest(),
        action_rows.digest(),
    )
    found: SafeString | None = kept.cache().get(name)
    if found is not None:
        return found
    meetings = _COMING_MEETINGS.instances(meeting_rows)
    actions = _COMING_ACTIONS.instances(action_rows)
    coming = dates_that_matter(
        workspace, today=today, days=WARN_DAYS, roster=roster, meetings=meetings, actions=actions
    )
    html = mark_safe(  # noqa: S308  # the template's output
        render_to_string(
            "home/_coming.html",
            {
                "coming": coming[:HOME_DATES],
                "coming_more": max(0, len(coming) - HOME_DATES),
                "students": roster,
                "many_students": len(roster) > 1,
            },
        )
    )
    kept.cache().set(name, html, kept.KEPT_FOR)
    return html
