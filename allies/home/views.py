"""The top floor: home, which composes every app's figures, and the quick add on it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import once
from allies.core.compiled import CompiledRead, Slot
from allies.home.fragments import (
    TeamSection,
    coming_section,
    focus_section,
    latest_section,
    quick_add_card,
    team_section,
)
from allies.log.forms import QuickAddForm
from allies.log.services import interaction_record
from allies.relationships.focus import current_focus, describe, streak
from allies.students.models import Student
from allies.toolkit.drafts import monthly_update_due
from allies.workspaces.access import current_membership, reached, require_current_membership
from allies.workspaces.models import Membership, has_pending_invitation

_STUDENTS = CompiledRead(
    lambda workspace: Student.objects.filter(workspace=workspace), workspace=Slot.ID
)


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = current_membership(request)
    if membership is None:
        return redirect("workspace_list")
    reached(request, membership)  # home shows the workspace's latest entries
    return render_home(request, membership)


def render_home(
    request: AuthenticatedHttpRequest,
    membership: Membership,
    quick_form: QuickAddForm | None = None,
) -> HttpResponse:
    """The whole home page, with `quick_form` if given (bound with errors after a bad
    quick add without JavaScript, so what was typed is shown again), else the kept
    quick add card for a reader who can write."""
    workspace = membership.workspace
    status = 400 if quick_form is not None and quick_form.errors else 200
    shown = home_context(membership)
    team: TeamSection = shown["team"]
    card = None
    if quick_form is None and membership.can_write:
        card = quick_add_card(request, team)
        if card is None:
            quick_form = QuickAddForm(workspace=workspace)  # no team yet: it says so
    if quick_form is not None:
        quick_form.show_team(team.choices)
    # Action items past due, then what is within WARN_DAYS: a few on home, all on each
    # student's page of dates.
    student_rows = _STUDENTS.fetch(workspace=workspace.pk)
    students = _STUDENTS.instances(student_rows)
    context = {
        **shown,
        "coming_html": coming_section(workspace, student_rows, students, timezone.localdate()),
        "focus_html": focus_section(
            request, membership, shown["focus"], shown["focus_text"], shown["streak"]
        ),
        "quick_card": card,
        "update_month": monthly_update_due(workspace, timezone.localdate()),
        "membership": membership,
        "students": students,
        "quick_form": quick_form,
        # One query: a notice points to the workspace list, where they are answered.
        "has_invitations": has_pending_invitation(request.user),
    }
    return render(request, "home/home.html", context, status=status)


def home_context(membership: Membership, *, oob: bool = False) -> dict[str, Any]:
    """This week's focus, the team's contact status and the latest entries: what home shows
    and what htmx refreshes (out of band, `oob`) after a quick add."""
    workspace = membership.workspace
    today = timezone.localdate()
    # The team section as kept, unless something in it changed (fragments.py); `health`
    # only when it was drawn anew, which the focus uses if it has to choose this week's.
    team, health = team_section(membership, today, oob=oob)
    focus = current_focus(workspace, today=today, health=health)
    latest_html, latest = latest_section(workspace, oob=oob)
    return {
        "team": team,
        "health": health,
        "contacts": team.has_team,
        "latest_html": latest_html,
        "latest": latest,  # the entries, when they were drawn anew
        "focus": focus,
        "focus_text": describe(focus, today=today) if focus else None,
        "streak": streak(workspace, today=today),
    }


@login_required
@require_POST
def quick_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Log a contact from home. With htmx, answer with the card (and, once saved, home's
    sections out of band); without it, go home, or show home again with the errors."""
    membership = require_current_membership(request, write=True)
    form = QuickAddForm(request.POST, workspace=membership.workspace)
    saved = None
    duplicate = ""  # where the entry an earlier submit of this form saved is
    if form.is_valid():
        # htmx posts never come back through the back button: the token is enough here,
        # and the same line to the same person twice is a real second contact.
        fields = form.service_kwargs()
        token = form.cleaned_data.get("form_token")
        try:
            with once.saving(request, token, workspace_id=membership.workspace_id) as held:
                saved = interaction_record(
                    workspace=membership.workspace,
                    author=request.user,
                    **fields,
                )
                held.made(reverse("entry_detail", args=[saved.pk]))
        except once.AlreadySaved as earlier:
            duplicate = earlier.url or reverse("log_list")
        if not request.htmx:
            if duplicate:
                messages.info(request, _("This entry was already saved."))
                return redirect(duplicate)
            else:
                messages.success(request, _("Added to the log."))
            return redirect("home")
        form = QuickAddForm(workspace=membership.workspace)
    elif not request.htmx:
        return render_home(request, membership, form)
    context = {
        "quick_form": form,
        "saved": saved,
        "duplicate": duplicate,
        "membership": membership,
    }
    if saved is not None:
        shown = home_context(membership, oob=True)
        form.show_team(shown["team"].choices)
        context.update(shown)
    return render(request, "home/_quick_add.html", context)


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
