from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import kept
from allies.core.redirects import redirect_next
from allies.students.forms import ChildForm
from allies.workspaces.access import get_owned, require_current_membership

from . import focus as weekly
from .charts import contacts_chart, tone_chart
from .health import MemberHealth, team_health, team_rows
from .models import WeeklyFocus
from .tables import health_rows
from .together import NOTHING_TOGETHER, together_by_member

LOSING_TOUCH = 5
NEVER = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def _name(h: MemberHealth) -> tuple[str, int]:
    return (h.member.name.casefold(), h.member.pk)


# Each column's natural order: what needs attention first.
SORTS: dict[str, Callable[[MemberHealth], Any]] = {
    "status": lambda h: (h.status_rank, -h.lateness, *_name(h)),
    "name": _name,
    "last": lambda h: (h.last_contact or NEVER, *_name(h)),
    "positive": lambda h: (
        -1 if h.positive_share is None else h.positive_share,
        h.positive,
        *_name(h),
    ),
    "reciprocity": lambda h: (h.they_started - h.you_started, *_name(h)),
    "follow_ups": lambda h: (-h.follow_ups_past_due, -h.follow_ups_due, *_name(h)),
}


@login_required
def relationships(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    workspace = membership.workspace
    # A family with more than one child can narrow the page to one (?student=).
    child_form = ChildForm(request.GET or None, workspace=workspace)
    child = child_form.child() if child_form.several_students else None
    student = child.pk if child is not None else None
    sort = request.GET.get("sort", "status")
    if sort not in SORTS and sort != "together":
        sort = "status"
    reverse_order = request.GET.get("order") == "desc"
    columns = [
        ("name", _("Name")),
        ("status", _("Status")),
        ("last", _("Last contact")),
        ("positive", _("Positive · concern (90 days)")),
        ("reciprocity", _("They started · you started (12 months)")),
        ("follow_ups", _("Follow-ups")),
        ("together", _("Solving together")),
    ]
    headers = [
        {
            "key": key,
            "label": label,
            "current": key == sort,
            "aria_sort": ("descending" if reverse_order else "ascending") if key == sort else "",
            "order": "asc" if key == sort and reverse_order else ("desc" if key == sort else ""),
        }
        for key, label in columns
    ]
    # The figures as kept, unless something in them changed: they follow from the team's
    # rows with the workspace's log_seq, the day, the order and the reader's role (see
    # home.fragments; core.kept adds the zone, language and URL prefix).
    today = timezone.localdate()
    team = team_rows(workspace, student)
    # The concerns and action items each member has with the family: not in the log, so
    # not in its log_seq; read on every load (two grouped queries) and in the key.
    together = together_by_member(workspace, today, student)
    name = kept.key(
        "relationships",
        workspace.pk,
        membership.role,
        today,
        sort,
        reverse_order,
        student,
        child.name if child is not None else "",
        team.digest(),
        sorted(together.items()),
    )
    figures: SafeString | None = kept.cache().get(name)
    health = None
    if figures is None:
        health = team_health(workspace, series=True, today=today, team=team, student=student)

        def by_together(h: MemberHealth) -> tuple[Any, ...]:
            return (*together.get(h.member.pk, NOTHING_TOGETHER).rank, *_name(h))

        order = by_together if sort == "together" else SORTS[sort]
        rows = sorted(health.members, key=order, reverse=reverse_order)
        drawn = {
            "membership": membership,
            "child": child,
            "health": health,
            "rows": rows,
            "headers": headers,
            "table_rows": health_rows(rows, dict(columns), together),
            "losing_touch": health.losing_touch[:LOSING_TOUCH],
            "charts": [
                contacts_chart("ws-contacts", health.series),
                tone_chart("ws-tone", health.series),
            ],
        }
        # The template's output, as an include would have put it in the page.
        figures = mark_safe(render_to_string("relationships/_team_figures.html", drawn))  # noqa: S308
        kept.cache().set(name, figures, kept.KEPT_FOR)
    context = {
        "membership": membership,
        "sort": sort,
        "headers": headers,
        "health": health,  # the figures, when they were worked out for this request
        "figures": figures,
        "child_form": child_form,
        "child": child,
    }
    return render(request, "relationships/relationships.html", context)


def _this_week(request: AuthenticatedHttpRequest, focus: WeeklyFocus) -> bool:
    """Actions apply to this week's focus only: an old page cannot rewrite a past week."""
    if focus.week == weekly.week_of(timezone.localdate()):
        return True
    messages.info(request, _("That was an earlier week's focus; here is this week's."))
    return False


@login_required
@require_POST
def focus_accept(request: AuthenticatedHttpRequest, focus_id: int) -> HttpResponse:
    focus, _membership = get_owned(request, WeeklyFocus.objects.all(), focus_id, write=True)
    if _this_week(request, focus):
        weekly.accept(focus)
        messages.success(
            request, _("You have taken on this week's focus. Small, consistent actions add up.")
        )
    return redirect_next(request, "home")


@login_required
@require_POST
def focus_another(request: AuthenticatedHttpRequest, focus_id: int) -> HttpResponse:
    focus, _membership = get_owned(
        request, WeeklyFocus.objects.select_related("workspace"), focus_id, write=True
    )
    if not _this_week(request, focus):
        pass
    elif focus.is_done:
        messages.info(request, _("This week's focus is already done."))
    elif not weekly.another(focus):
        messages.info(request, _("There is no other suggestion this week."))
    return redirect_next(request, "home")


@login_required
@require_POST
def focus_done(request: AuthenticatedHttpRequest, focus_id: int) -> HttpResponse:
    focus, _membership = get_owned(request, WeeklyFocus.objects.all(), focus_id, write=True)
    if _this_week(request, focus):
        weekly.mark_done(focus, user=request.user)
        messages.success(request, _("Marked done for this week. Well done."))
    return redirect_next(request, "home")
