"""What the meeting page's forms post to: the checklist, the agenda, the notes, decisions
and action items. Each is a plain form POST that redirects back to the page (or shows it
again with the form's errors and the text kept); the page's script sends some of them
with fetch and `Accept: application/json`, and gets JSON back instead.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import once
from allies.core.params import ids_from

from .. import services
from ..meeting_forms import (
    ActionItemForm,
    AgendaPointForm,
    ChecklistStepForm,
    DecisionForm,
    NotesForm,
)
from ..models import AgendaItem, ChecklistItem, Meeting
from ..page import phases_of
from .meetings import owned_meeting, render_page


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _at(meeting_id: int, anchor: str) -> str:
    return reverse("meeting_detail", args=[meeting_id]) + f"#{anchor}"


def _back(meeting_id: int, anchor: str) -> HttpResponse:
    return redirect(_at(meeting_id, anchor))


def _saving(
    request: AuthenticatedHttpRequest, form: forms.Form, meeting: Meeting
) -> AbstractContextManager[once.Claim]:
    """The form's one-time token claimed with the write to the meeting (core.once)."""
    token = form.cleaned_data.get("form_token")
    return once.saving(request, token, workspace_id=meeting.workspace_id)


# ---------------------------------------------------------------------------- checklist


@login_required
@require_POST
def meeting_step_tick(
    request: AuthenticatedHttpRequest, meeting_id: int, step_id: int
) -> HttpResponse:
    meeting, _membership = owned_meeting(request, meeting_id, write=True)
    step = get_object_or_404(ChecklistItem, pk=step_id, meeting=meeting)
    done = request.POST.get("done") == "1"
    services.checklist_item_set(item=step, author=request.user, done=done)
    if wants_json(request):
        phases = phases_of(list(meeting.checklist.all()))
        return JsonResponse(
            {
                "done": step.done,
                "progress": {str(p.phase): [p.done, p.total] for p in phases},
                "summary": {str(p.phase): p.summary for p in phases},
            }
        )
    return _back(meeting.pk, f"step-{step.pk}")


@login_required
@require_POST
def meeting_step_add(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, membership = owned_meeting(request, meeting_id, write=True)
    form = ChecklistStepForm(request.POST)
    if not form.is_valid():
        return render_page(request, meeting, membership, step_form=form)
    data = form.cleaned_data
    try:
        with _saving(request, form, meeting) as held:
            step = services.checklist_item_add(
                meeting=meeting, phase=data["phase"], text=data["text"]
            )
            held.made(_at(meeting.pk, f"step-{step.pk}"))
    except once.AlreadySaved as saved:
        messages.info(request, _("This step was already added."))
        return redirect(saved.url or _at(meeting.pk, "checklist"))
    messages.success(request, _("Step added to this meeting's checklist."))
    return _back(meeting.pk, f"step-{step.pk}")


@login_required
def meeting_step_edit(
    request: AuthenticatedHttpRequest, meeting_id: int, step_id: int
) -> HttpResponse:
    meeting, _membership = owned_meeting(request, meeting_id, write=True)
    step = get_object_or_404(ChecklistItem, pk=step_id, meeting=meeting)
    form = ChecklistStepForm(request.POST or None, initial={"phase": step.phase, "text": step.text})
    if request.method == "POST" and form.is_valid():
        services.checklist_item_edit(
            item=step, phase=form.cleaned_data["phase"], text=form.cleaned_data["text"]
        )
        messages.success(request, _("Step saved."))
        return _back(meeting.pk, f"step-{step.pk}")
    return render(
        request, "meetings/meeting_step_form.html", {"form": form, "meeting": meeting, "step": step}
    )


@login_required
@require_POST
def meeting_step_remove(
    request: AuthenticatedHttpRequest, meeting_id: int, step_id: int
) -> HttpResponse:
    meeting, _membership = owned_meeting(request, meeting_id, write=True)
    step = get_object_or_404(ChecklistItem, pk=step_id, meeting=meeting)
    services.checklist_item_remove(item=step)
    messages.success(request, _("Step removed from this meeting's checklist."))
    return _back(meeting.pk, "checklist")


# ---------------------------------------------------------------------------- agenda


@login_required
@require_POST
def meeting_agenda_add(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, membership = owned_meeting(request, meeting_id, write=True)
    form = AgendaPointForm(request.POST, workspace=membership.workspace)
    if not form.is_valid():
        return render_page(request, meeting, membership, agenda_form=form)
    given = form.service_kwargs()
    # A concern, insight or question goes on an agenda once; one's own words may repeat.
    source = {name: value for name, value in given.items() if name != "text" and value}
    try:
        with _saving(request, form, meeting) as held:
            if source and meeting.agenda.filter(**source).exists():
                raise once.AlreadySaved("")
            point = services.agenda_item_add(
                meeting=meeting, language=translation.get_language(), **given
            )
            held.made(_at(meeting.pk, f"point-{point.pk}"))
    except once.AlreadySaved as saved:
        messages.info(request, _("This point is already on the agenda."))
        return redirect(saved.url or _at(meeting.pk, "agenda"))
    messages.success(request, _("Added to the agenda."))
    return _back(meeting.pk, f"point-{point.pk}")


@login_required
@require_POST
def meeting_agenda_move(
    request: AuthenticatedHttpRequest, meeting_id: int, point_id: int
) -> HttpResponse:
    meeting, _membership = owned_meeting(request, meeting_id, write=True)
    point = get_object_or_404(AgendaItem, pk=point_id, meeting=meeting)
    by = -1 if request.POST.get("direction") == "up" else 1
    services.agenda_move(item=point, by=by)
    order = list(meeting.agenda.values_list("pk", flat=True))
    if wants_json(request):
        return JsonResponse({"order": order, "position": order.index(point.pk) + 1})
    return _back(meeting.pk, f"point-{point.pk}")


@login_required
@require_POST
def meeting_agenda_reorder(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The whole order at once, as dragging leaves it (ids not on this agenda are ignored)."""
    meeting, _membership = owned_meeting(request, meeting_id, write=True)
    services.agenda_reorder(meeting=meeting, order=ids_from(request.POST.getlist("order")))
    order = list(meeting.agenda.values_list("pk", flat=True))
    if wants_json(request):
        return JsonResponse({"order": order})
    return _back(meeting.pk, "agenda")


@login_required
@require_POST
def meeting_agenda_remove(
    request: AuthenticatedHttpRequest, meeting_id: int, point_id: int
) -> HttpResponse:
    meeting, _membership = owned_meeting(request, meeting_id, write=True)
    point = get_object_or_404(AgendaItem, pk=point_id, meeting=meeting)
    services.agenda_item_remove(item=point)
    messages.success(request, _("Taken off the agenda."))
    return _back(meeting.pk, "agenda")


# ---------------------------------------------------------------------------- notes


def _saved_at() -> str:
    return formats.time_format(timezone.localtime(), "TIME_FORMAT")


@login_required
@require_POST
def meeting_notes_save(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Save the notes unless they were saved from elsewhere since this page loaded them.

    A stale save is refused, never merged: the answer carries the notes as saved meanwhile,
    the page keeps the typed text, and saving again (with the new version) keeps it.
    """
    meeting, membership = owned_meeting(request, meeting_id, write=True)
    form = NotesForm(request.POST)
    json = wants_json(request)
    if not form.is_valid():
        if json:
            errors = [str(e) for errors in form.errors.values() for e in errors]
            return JsonResponse({"error": " ".join(errors)}, status=400)
        return render_page(request, meeting, membership, notes_form=form)
    try:
        version = services.meeting_notes_save(
            meeting=meeting,
            notes=form.cleaned_data["notes"],
            base_version=form.cleaned_data["notes_version"],
        )
    except services.NotesConflict:
        if json:
            return JsonResponse(
                {"conflict": True, "notes": meeting.notes, "version": meeting.notes_version},
                status=409,
            )
        data = request.POST.copy()
        data["notes_version"] = str(meeting.notes_version)
        kept = NotesForm(data)
        kept.add_error(
            None,
            _(
                "Someone saved these notes from another page while you were writing. "
                "Your text is in the box, not saved yet; their version is shown above it. "
                "Copy what you need from theirs, then save to keep yours."
            ),
        )
        return render_page(
            request, meeting, membership, notes_form=kept, notes_conflict=meeting.notes
        )
    if json:
        return JsonResponse({"version": version, "saved_at": _saved_at()})
    messages.success(request, _("Notes saved."))
    return _back(meeting.pk, "notes")


# ---------------------------------------------------------------------------- decisions, actions


@login_required
@require_POST
def meeting_decision_add(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, membership = owned_meeting(request, meeting_id, write=True)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return render_page(request, meeting, membership, decision_form=form)
    try:
        with _saving(request, form, meeting) as held:
            services.decision_add(
                meeting=meeting, author=request.user, text=form.cleaned_data["text"]
            )
            held.made(_at(meeting.pk, "decisions"))
    except once.AlreadySaved:
        messages.info(request, _("This decision was already saved."))
        return _back(meeting.pk, "decisions")
    messages.success(request, _("Decision added."))
    return _back(meeting.pk, "decisions")


@login_required
@require_POST
def meeting_action_add(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, membership = owned_meeting(request, meeting_id, write=True)
    form = ActionItemForm(request.POST, workspace=membership.workspace)
    if not form.is_valid():
        return render_page(request, meeting, membership, action_form=form)
    try:
        with _saving(request, form, meeting) as held:
            services.action_item_add(
                workspace=membership.workspace,
                author=request.user,
                meeting=meeting,
                **form.service_kwargs(),
            )
            held.made(_at(meeting.pk, "actions"))
    except once.AlreadySaved:
        messages.info(request, _("This action item was already saved."))
        return _back(meeting.pk, "actions")
    messages.success(request, _("Action item added."))
    return _back(meeting.pk, "actions")
