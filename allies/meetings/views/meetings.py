"""Meetings: the list, planning and editing one, its page, and its .ics download.

What the meeting page's own forms post to (checklist, agenda, notes, decisions, action
items) is in `views/meeting_parts.py`; both render the page through `render_page`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, F, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import once
from allies.core.params import ids_from
from allies.team.models import TeamMember
from allies.workspaces.access import get_owned, require_current_membership
from allies.workspaces.models import Membership

from .. import follow_up, services
from ..ics import meeting_ics
from ..meeting_forms import (
    ActionItemForm,
    AgendaPointForm,
    ChecklistStepForm,
    DecisionForm,
    MeetingForm,
    NotesForm,
    ReplyForm,
)
from ..models import ActionItem, Concern, Confirmation, Decision, Meeting, MeetingAttendee
from ..page import meeting_page


def owned_meeting(
    request: AuthenticatedHttpRequest, meeting_id: int, *, write: bool = False
) -> tuple[Meeting, Membership]:
    """The meeting, if it is in one of the user's workspaces (404), writable if asked (403)."""
    return get_owned(
        request, Meeting.objects.select_related("student", "workspace"), meeting_id, write=write
    )


@login_required
def meeting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    now = timezone.now()
    # Upcoming first, soonest first; then those held, latest first. One sortable query.
    meetings = (
        Meeting.objects.filter(workspace=membership.workspace)
        .select_related("student")
        .annotate(
            upcoming_at=Case(When(starts_at__gt=now, then=F("starts_at"))),
            held_at=Case(When(starts_at__lte=now, then=F("starts_at"))),
        )
        .order_by(F("upcoming_at").asc(nulls_last=True), F("held_at").desc(nulls_last=True), "-pk")
    )
    page = Paginator(meetings, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    # "Confirmed by N of M" for the meetings held on this page: their attendees, answers,
    # decisions and action items in four queries, whatever the number of meetings.
    held = [m.pk for m in shown if m.held_at is not None]
    attendees: dict[int, list[TeamMember]] = {pk: [] for pk in held}
    for link in MeetingAttendee.objects.filter(meeting__in=held).select_related("member"):
        attendees[link.meeting_id].append(link.member)
    answers: dict[int, list[Confirmation]] = {pk: [] for pk in held}
    for answer in Confirmation.objects.filter(meeting__in=held).order_by("meeting", "number"):
        answers[answer.meeting_id].append(answer)
    # Answers count for the summary as it is now: each meeting's decisions and action
    # items, for its fingerprint, in two more queries.
    decisions: dict[int, list[Decision]] = {pk: [] for pk in held}
    for decision in Decision.objects.filter(meeting__in=held):
        decisions[decision.meeting_id].append(decision)
    actions: dict[int, list[ActionItem]] = {pk: [] for pk in held}
    for item in ActionItem.objects.filter(meeting__in=held).select_related("owner"):
        if item.meeting_id is not None:
            actions[item.meeting_id].append(item)
    for meeting in shown:
        if attendees.get(meeting.pk):
            summary = follow_up.summary_hash(meeting, decisions[meeting.pk], actions[meeting.pk])
            # For the template.
            meeting.answers = follow_up.tally(attendees[meeting.pk], answers[meeting.pk], summary)
    return render(
        request,
        "meetings/meeting_list.html",
        {"page": page, "meetings": shown, "membership": membership, "now": now},
    )


def _concern_from(request: AuthenticatedHttpRequest, membership: Membership) -> Concern | None:
    """The concern `?concern=` names in this workspace, if any (anything else is ignored)."""
    ids = ids_from(request.GET.getlist("concern"))
    if not ids:
        return None
    return (
        Concern.objects.filter(pk=ids[0], workspace=membership.workspace)
        .prefetch_related("invited")
        .first()
    )


@login_required
def meeting_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    workspace = membership.workspace
    initial: dict[str, Any] = {}
    concern = None
    if request.method != "POST":
        concern = _concern_from(request, membership)
        if concern is not None:
            initial = {
                "concern": concern.pk,
                "attendees": [m.pk for m in concern.invited.all() if m.active],
            }
            if concern.student_id:
                initial["student"] = concern.student_id
        students = ids_from(request.GET.getlist("student"))
        if students and "student" not in initial:
            # From a student's questions: the choices are the workspace's, so another
            # family's id selects nobody.
            initial["student"] = students[0]
    form = MeetingForm(request.POST or None, workspace=workspace, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with once.saving(
                request, form.cleaned_data.get("form_token"), workspace_id=workspace.pk
            ) as held:
                meeting = services.meeting_plan(
                    workspace=workspace,
                    author=request.user,
                    attendees=form.cleaned_data["attendees"],
                    concern=form.cleaned_data.get("concern"),
                    language=translation.get_language(),
                    **form.service_kwargs(),
                )
                held.made(reverse("meeting_detail", args=[meeting.pk]))
        except once.AlreadySaved as saved:
            messages.info(request, _("This meeting was already saved."))
            return redirect(saved.url or "meeting_list")
        if meeting.is_past:
            messages.success(request, _("Saved as the record of a meeting that took place."))
        else:
            messages.success(request, _("Meeting planned. Its checklist is ready below."))
        return redirect("meeting_detail", meeting_id=meeting.pk)
    if request.method == "POST":
        concern = form.cleaned_data.get("concern")
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "meeting": None, "concern": concern},
    )


@login_required
def meeting_edit(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, membership = owned_meeting(request, meeting_id, write=True)
    form = MeetingForm(
        request.POST or None,
        workspace=membership.workspace,
        meeting=meeting,
        initial=MeetingForm.initial_from(meeting),
    )
    if request.method == "POST" and form.is_valid():
        services.meeting_edit(
            meeting=meeting, attendees=form.cleaned_data["attendees"], **form.service_kwargs()
        )
        messages.success(request, _("Meeting saved."))
        return redirect("meeting_detail", meeting_id=meeting.pk)
    return render(
        request, "meetings/meeting_form.html", {"form": form, "meeting": meeting, "concern": None}
    )


def render_page(
    request: AuthenticatedHttpRequest,
    meeting: Meeting,
    membership: Membership,
    **forms: Any,
) -> HttpResponse:
    """The meeting's page; a form in `forms` (bound, with its errors) replaces the empty one."""
    workspace = membership.workspace
    context: dict[str, Any] = {
        "page": meeting_page(meeting),
        "meeting": meeting,
        "membership": membership,
        "step_form": forms.get("step_form") or ChecklistStepForm(),
        "agenda_form": forms.get("agenda_form") or AgendaPointForm(workspace=workspace),
        "notes_form": forms.get("notes_form")
        or NotesForm(initial={"notes": meeting.notes, "notes_version": meeting.notes_version}),
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "action_form": forms.get("action_form") or ActionItemForm(workspace=workspace),
        "notes_conflict": forms.get("notes_conflict"),
        "reply_form": forms.get("reply_form")
        or ReplyForm(attendees=meeting.attendees.all(), held_on=meeting.local_day),
        "links_offered": follow_up.links_offered(),
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
def meeting_detail(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, membership = owned_meeting(request, meeting_id)
    return render_page(request, meeting, membership)


@login_required
def meeting_ics_download(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = owned_meeting(request, meeting_id)
    response = HttpResponse(
        meeting_ics(meeting, list(meeting.agenda.all())),
        content_type="text/calendar; charset=utf-8",
    )
    # A number, not a name or a date: the file name says nothing about the child.
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
