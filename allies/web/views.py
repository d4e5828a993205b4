from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from allies.log.forms import QuickAddForm
from allies.log.models import Interaction
from allies.relationships.focus import current_focus, describe, streak
from allies.relationships.health import team_health
from allies.students.models import Student
from allies.toolkit.drafts import update_month_offer
from allies.workspaces.access import current_membership
from allies.workspaces.models import Workspace

LATEST = 8


@login_required
def home(request: HttpRequest, quick_form: QuickAddForm | None = None) -> HttpResponse:
    membership = current_membership(request)
    if membership is None:
        return redirect("workspace_list")
    workspace = membership.workspace
    if quick_form is None and membership.can_write:
        quick_form = QuickAddForm(workspace=workspace)
    status = 400 if quick_form is not None and quick_form.errors else 200
    offer = update_month_offer(timezone.localdate())
    context = {
        **home_context(workspace),
        "update_month": offer,
        "membership": membership,
        "students": list(Student.objects.filter(workspace=workspace)),
        "quick_form": quick_form,
    }
    return render(request, "web/home.html", context, status=status)


def home_context(workspace: Workspace) -> dict[str, Any]:
    """This week's focus, the team's contact status and the latest entries: what home shows
    and what htmx refreshes after a quick add."""
    health = team_health(workspace)
    focus = current_focus(workspace, today=health.today, health=health)
    latest = (
        Interaction.objects.current()
        .filter(workspace=workspace)
        .prefetch_related("participants")[:LATEST]
    )
    return {
        "contacts": health.members,
        "due": health.losing_touch,
        "latest": latest,
        "focus": focus,
        "focus_text": describe(focus, today=health.today) if focus else None,
        "streak": streak(workspace, today=health.today),
    }


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
