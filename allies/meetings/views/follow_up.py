"""After a meeting: "Draft the follow-up" (the meeting goes in the log, and the toolkit's
compose opens with the summary, in the attendees' language), a reply recorded by a
member, and the page an attendee's personal link opens, without an account.

The personal link's page shows the meeting's decisions and action items and takes one
answer; it links nowhere else in Allies and shows nothing but that meeting's summary.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import once

from .. import follow_up, services
from ..meeting_forms import AnswerForm, ReplyForm
from ..models import Confirmation, ConfirmationRequest, Meeting
from .meeting_parts import _back
from .meetings import owned_meeting, render_page

FOLLOW_UP_KIND = "meeting_follow_up"  # the toolkit's kind of message (kinds.toml)


@login_required
@require_POST
def meeting_follow_up(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Log the meeting (once) and open the follow-up to the attendees who read `language`."""
    meeting, _membership = owned_meeting(request, meeting_id, write=True)
    if not meeting.is_past:
        messages.error(request, _("The follow-up is for after the meeting."))
        return _back(meeting.pk, "after")
    attendees = list(meeting.attendees.order_by("meetingattendee__position", "name"))
    groups = follow_up.language_groups(attendees)
    wanted = request.POST.get("language", "")
    group = next((g for g in groups if g.language == wanted), groups[0] if groups else None)
    entry = services.meeting_follow_up_start(meeting=meeting, author=request.user)
    query: list[tuple[str, str | int]] = [("kind", FOLLOW_UP_KIND), ("meeting", meeting.pk)]
    if group is not None:
        query += [("language", group.language), *(("member", m.pk) for m in group.members)]
    if meeting.student_id:
        query.append(("student", meeting.student_id))
    messages.success(
        request,
        _("The meeting is in the log (entry %(number)s). Here is the follow-up to send.")
        % {"number": entry.pk},
    )
    return redirect(f"{reverse('compose')}?{urlencode(query)}")


@login_required
@require_POST
def meeting_reply_record(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Record an attendee's reply, received by email, in the meeting's sealed record."""
    meeting, membership = owned_meeting(request, meeting_id, write=True)
    form = ReplyForm(request.POST, attendees=meeting.attendees.all(), held_on=meeting.local_day)
    if not form.is_valid():
        return render_page(request, meeting, membership, reply_form=form)
    data = form.cleaned_data
    token = data.get("form_token")
    try:
        with once.saving(request, token, workspace_id=meeting.workspace_id) as held:
            services.confirmation_record(
                meeting=meeting,
                member=data["member"],
                response=data["response"],
                text=data["text"],
                via=Confirmation.Via.REPLY,
                recorded_by=request.user,
                received_on=data["received_on"],
            )
            held.made(reverse("meeting_detail", args=[meeting.pk]) + "#after")
    except once.AlreadySaved:
        messages.info(request, _("This reply was already recorded."))
        return _back(meeting.pk, "after")
    messages.success(request, _("Their reply is in the meeting's record."))
    return _back(meeting.pk, "after")


# ---------------------------------------------------------------------------- a personal link

LINK_PROBLEMS = {
    "altered": (
        400,
        gettext_lazy(
            "This link is not complete or has been changed. Open it from the email again, "
            "or ask the person who sent it for a new one."
        ),
    ),
    "unknown": (
        404,
        gettext_lazy("This link is not known here. Ask the person who sent it for a new one."),
    ),
    "used": (
        410,
        gettext_lazy("This link has been used already: your answer is in the meeting's record."),
    ),
    "expired": (
        410,
        gettext_lazy("This link has expired. Ask the person who sent it for a new one."),
    ),
}


def _link_page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int
) -> HttpResponse:
    response = render(request, template, context, status=status)
    # The link is a key: no browser or proxy keeps the page (never_cache), no search
    # engine lists it, and no other site sees its address (the site's Referrer-Policy,
    # same-origin; "no-referrer" would make the browser send "Origin: null" with the
    # form, which Django's CSRF check refuses).
    response["X-Robots-Tag"] = "noindex"
    return response


def _problem(request: HttpRequest, reason: str) -> HttpResponse:
    status, text = LINK_PROBLEMS[reason]
    # An answer sent from a page opened before the link expired (or on another tab) is
    # shown back, so that it can be copied into a reply rather than lost.
    typed = request.POST.get("text", "").strip() if request.method == "POST" else ""
    context = {"problem": text, "typed": typed}
    return _link_page(request, "meetings/confirm_problem.html", context, status)


# The token in the address is the key, and what CSRF's cookie would prove: a page that
# knows it may post. Without the exemption, a mail app's browser that keeps no cookies
# would get Django's 403, and the live token would be logged with the refusal.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@never_cache
def meeting_confirm(request: HttpRequest, meeting_id: int, token: str) -> HttpResponse:
    """The page a personal link opens: the summary, and one answer to it."""
    try:
        link = services.confirmation_request_for(token, meeting_id)
    except services.LinkProblem as problem:
        return _problem(request, problem.reason)
    # In the attendee's language; times in the zone of whoever planned the meeting.
    zone = follow_up.planner_zone(link.meeting)
    with translation.override(link.member.language or None), timezone.override(zone):
        if request.method == "POST":
            form = AnswerForm(request.POST)
            if form.is_valid():
                return _answer(request, link, form)
            return _summary_page(request, link, form, 400)
        return _summary_page(request, link, AnswerForm(), 200)


def _answer(request: HttpRequest, link: ConfirmationRequest, form: AnswerForm) -> HttpResponse:
    try:
        services.confirmation_record(
            meeting=link.meeting,
            member=link.member,
            response=form.cleaned_data["response"],
            text=form.cleaned_data["text"],
            via=Confirmation.Via.LINK,
            request=link,
            answers_summary=request.POST.get("summary", ""),
        )
    except services.LinkProblem as problem:  # a second submit of the same page
        return _problem(request, problem.reason)
    except services.SummaryChanged:
        # Decisions or action items changed since the page was opened: show them as they
        # are now, with what was typed, and ask again.
        return _summary_page(request, link, form, 409, changed=True)
    return _link_page(
        request,
        "meetings/confirm_done.html",
        {"member": link.member, "response": form.cleaned_data["response"]},
        200,
    )


def _summary_page(
    request: HttpRequest,
    link: ConfirmationRequest,
    form: AnswerForm,
    status: int,
    *,
    changed: bool = False,
) -> HttpResponse:
    meeting: Meeting = link.meeting
    decisions = list(meeting.decisions.all())
    actions = list(meeting.action_items.select_related("owner").order_by("pk"))
    context = {
        "meeting": meeting,
        "member": link.member,
        "decisions": decisions,
        "actions": [follow_up.action_line(a) for a in actions],
        "form": form,
        "expires_at": link.expires_at,
        # The summary this page shows: the answer is sealed against it, or refused.
        "summary": services.summary_hash(meeting, decisions, actions),
        "changed": changed,
    }
    return _link_page(request, "meetings/confirm.html", context, status)
