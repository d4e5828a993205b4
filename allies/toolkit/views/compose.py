from __future__ import annotations

import dataclasses
import datetime
import json
import smtplib
import uuid
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from allies.accounts.http import AuthenticatedHttpRequest
from allies.accounts.models import User
from allies.core import once
from allies.core.params import ids_from
from allies.core.redirects import redirect_next
from allies.log.models import Interaction
from allies.meetings import follow_up
from allies.meetings.models import Insight, Meeting
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.tone.coach import analyse, cues_in, highlighted
from allies.workspaces.access import require_current_membership
from allies.workspaces.models import Membership

from .. import drafts
from ..defaults import KINDS
from ..forms import ComposeForm
from ..services import Draft, follow_up_send, message_log, message_send
from .common import KIND_BY_KEY, LANGUAGES
from .common import page_language as _language
from .notices import follow_notice, valid_language

FOLLOW_UP = "meeting_follow_up"  # the kind whose draft a meeting fills in


def _month(kind: str, month: str) -> datetime.date | None:
    """The month a monthly update is about (this one unless the draft says); None for
    the other kinds."""
    return drafts.month_from(month, timezone.localdate()) if kind == "monthly_update" else None


def _writer(
    request: AuthenticatedHttpRequest,
    membership: Membership,
    *,
    kind: str,
    recipients: list[TeamMember],
    student: Student | None,
    month: str,
    meeting: Meeting | None = None,
) -> drafts.Writer:
    """Writes the draft for these people in a language, as `kind` or as the kind asked
    for (drafts.follow asks for one); `month` is the form's, for a monthly update."""

    def write(language: str, as_kind: str = "") -> drafts.Written:
        written_as = as_kind if as_kind in KIND_BY_KEY else kind
        return drafts.write_draft(
            workspace=membership.workspace,
            user=request.user,
            kind=written_as,
            recipients=recipients,
            student=student,
            language=language,
            month=_month(written_as, month),
            meeting=meeting if written_as == FOLLOW_UP else None,
        )

    return write


def _written_fields(written: drafts.Written) -> dict[str, str]:
    return {
        "written_subject": written.subject,
        "written_body": written.body,
        "written_greeting": written.greeting,
        "written_language": written.language,
        "written_first": written.first,
        "written_kind": written.kind,
    }


def _compose_context(
    request: AuthenticatedHttpRequest, membership: Membership, form: ComposeForm
) -> dict[str, Any]:
    data = form.data if form.is_bound else form.initial
    team = {m.pk: m for m in form.team}
    recipients = form.recipients_in_order()
    subject = str(data.get("subject", ""))
    body = str(data.get("body", ""))
    language = str(data.get("language") or _language(request))
    report = analyse(body, language)
    return {
        "form": form,
        "membership": membership,
        "recipients": recipients,
        "tone": report,
        "segments": highlighted(report, body),
        "mailto": drafts.mailto([m.email for m in recipients], subject, body),
        "cues": cues_in(body),
        # For the page's script, which keeps the mail link in step with the ticked boxes.
        "emails_json": json.dumps({str(m.pk): m.email for m in team.values() if m.email}),
        "can_send": drafts.smtp_configured() and any(m.email for m in recipients),
        "smtp": drafts.smtp_configured(),
        "kind": KIND_BY_KEY.get(str(data.get("kind", ""))),
        "language": language,
        # A meeting's follow-up sent from here carries each attendee's personal link.
        "personal_links": str(data.get("kind", "")) == FOLLOW_UP
        and bool(data.get("meeting"))
        and follow_up.links_offered(),
    }


def _render_compose(
    request: AuthenticatedHttpRequest,
    membership: Membership,
    form: ComposeForm,
    status: int = 200,
    *,
    cues_stop: str = "",
    notice: dict[str, str] | None = None,
) -> HttpResponse:
    context = _compose_context(request, membership, form)
    context["cues_stop"] = cues_stop
    context["notice"] = notice
    return render(request, "toolkit/compose.html", context, status=status)


@login_required
def compose(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    page_language = _language(request)
    if request.method != "POST":
        return _compose_new(request, membership)
    form = ComposeForm(request.POST, workspace=membership.workspace, language=page_language)
    action = request.POST.get("action", "check")
    if action in FOLLOWING:
        return _compose_follow(request, membership, form, action)
    if not form.is_valid():
        return _render_compose(request, membership, form, 400)
    if action == "eml":
        return _compose_eml(request, form.cleaned_data)
    if action in ("log", "send") and cues_in(form.cleaned_data["body"]):
        # The log keeps every word: ask before recording a draft's unfilled cues.
        form.add_error(
            "body",
            _(
                "Some [bracketed] parts are still to fill in. Fill them in or remove them, "
                "or go ahead as it is."
            ),
        )
        return _render_compose(request, membership, form, 400, cues_stop=action)
    if action in ("log", "send", "log_as_is", "send_as_is"):
        return _compose_log(request, membership, form, send=action.startswith("send"))
    raise Http404


def _compose_new(request: AuthenticatedHttpRequest, membership: Membership) -> HttpResponse:
    """A fresh draft from the link that opened it: which message, to whom, about whom."""
    query = request.GET
    form = ComposeForm(workspace=membership.workspace, language=_language(request))
    kind = query.get("kind", "")
    if kind not in KIND_BY_KEY:
        kind = KINDS[0].key
    team = {m.pk: m for m in form.team}
    recipients = [team[i] for i in dict.fromkeys(ids_from(query.getlist("member"))) if i in team]
    students = list(form.students)
    wanted = ids_from(query.getlist("student"))
    student = next((s for s in students if s.pk in wanted), None)
    if student is None and len(students) == 1:
        student = students[0]
    language = query.get("language", "")
    if language not in LANGUAGES:
        # Drafts to someone start in their language; to several, in the first one's.
        language = recipients[0].language if recipients else _language(request)
    month = _month(kind, query.get("month", ""))
    meeting = _meeting(membership, query.get("meeting", "")) if kind == FOLLOW_UP else None
    write = _writer(
        request,
        membership,
        kind=kind,
        recipients=recipients,
        student=student,
        month=month.strftime("%Y-%m") if month else "",
        meeting=meeting,
    )
    written = write(language)
    form.initial.update(
        {
            "kind": kind,
            "recipients": [m.pk for m in recipients],
            "order": ",".join(str(m.pk) for m in recipients),
            "student": student.pk if student else None,
            "language": language,
            "subject": written.subject,
            "body": written.body,
            "month": month.strftime("%Y-%m") if month else "",
            "thanks": ",".join(str(i) for i in ids_from(query.getlist("thanks"))[:1]),
            "meeting": str(meeting.pk) if meeting else "",
            **_written_fields(written),
        }
    )
    return _render_compose(request, membership, form)


# The actions that bring the draft in step with the form before showing it again:
# "follow" (the page's script, as boxes are ticked: answers JSON), "check" (the tone),
# "refill" (start again from the template, asking before replacing what was typed) and
# "replace" (start again, replacing it: the answer to that question).
FOLLOWING = ("follow", "check", "refill", "replace")


def _compose_follow(
    request: AuthenticatedHttpRequest, membership: Membership, form: ComposeForm, action: str
) -> HttpResponse:
    """The draft after the people, kind, student or language changed: only what still
    reads as Allies wrote it is rewritten (drafts.follow), never what was typed."""
    data = request.POST.copy()
    kind = data.get("kind", "")
    recipients = form.recipients_in_order()
    data["order"] = ",".join(str(m.pk) for m in recipients)
    followed: drafts.Followed | None = None
    if kind in KIND_BY_KEY:
        form.is_valid()
        cleaned: dict[str, Any] = getattr(form, "cleaned_data", {})
        written_kind = data.get("written_kind", "")
        written = drafts.Written(
            subject=data.get("written_subject", ""),
            body=data.get("written_body", ""),
            greeting=data.get("written_greeting", ""),
            language=valid_language(data.get("written_language", "")),
            first=data.get("written_first", ""),
            kind=written_kind if written_kind in KIND_BY_KEY else "",
        )
        language = (
            valid_language(data.get("language", "")) or written.language or _language(request)
        )
        followed = drafts.follow(
            sheet=drafts.Sheet(
                subject=data.get("subject", ""),
                body=data.get("body", ""),
                language=language,
                written=written,
            ),
            recipients=recipients,
            write=_writer(
                request,
                membership,
                kind=kind,
                recipients=recipients,
                student=cleaned.get("student"),
                month=data.get("month", ""),
                meeting=_meeting(membership, data.get("meeting", "")),
            ),
            kind=kind,
            replace=action == "replace",
            switch_to=valid_language(data.get("switch_to", "")) if action == "replace" else "",
        )
        data["subject"] = followed.subject
        data["body"] = followed.body
        data["language"] = followed.language
        # The month of the message shown: a kept monthly update keeps its month.
        month = _month(followed.written.kind or kind, data.get("month", ""))
        data["month"] = month.strftime("%Y-%m") if month else ""
        for name, value in _written_fields(followed.written).items():
            data[name] = value
    notice = follow_notice(followed, recipients, asked_to_refill=action == "refill")
    if action == "follow":
        if followed is None:
            return JsonResponse({"error": _("Choose a kind of message.")}, status=400)
        return JsonResponse(
            {
                "subject": followed.subject,
                "body": followed.body,
                "language": followed.language,
                "month": data["month"],
                "written": _written_fields(followed.written),
                "notice": notice,
            }
        )
    refreshed = ComposeForm(data, workspace=membership.workspace, language=_language(request))
    return _render_compose(request, membership, refreshed, notice=notice)


def _compose_eml(request: AuthenticatedHttpRequest, data: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(
        drafts.eml_bytes(
            user=request.user,
            addresses=[m.email for m in data["recipients"] if m.email],
            subject=data["subject"],
            body=data["body"],
        ),
        content_type="message/rfc822",
    )
    # No names in the file name: it ends up in the downloads folder and its history.
    response["Content-Disposition"] = 'attachment; filename="allies-draft.eml"'
    return response


def _send_again(
    request: AuthenticatedHttpRequest,
    membership: Membership,
    *,
    sent: list[TeamMember],
    refused: list[TeamMember],
) -> HttpResponse:
    """The draft again, addressed to the people whose copy the mail server did not
    accept, with a new one-time token: the others' copies were sent and logged."""
    data = request.POST.copy()
    data.setlist("recipients", [str(m.pk) for m in refused])
    data["order"] = ",".join(str(m.pk) for m in refused)
    data["form_token"] = uuid.uuid4().hex
    form = ComposeForm(data, workspace=membership.workspace, language=_language(request))
    form.is_valid()
    form.add_error(
        None,
        ngettext(
            "Sent to %(sent)s and added to the log. The mail server did not accept the "
            "copy for %(names)s, so nothing went to them: the message is below, addressed "
            "to them; try again, or open it in your mail app.",
            "Sent to %(sent)s and added to the log. The mail server did not accept the "
            "copies for %(names)s, so nothing went to them: the message is below, addressed "
            "to them; try again, or open it in your mail app.",
            len(refused),
        )
        % {
            "sent": ", ".join(m.name for m in sent),
            "names": ", ".join(m.name for m in refused),
        },
    )
    # Not a 5xx: what was sent is sent and logged; only the refused copies are offered again.
    return _render_compose(request, membership, form)


Own = TypeVar("Own", Meeting, Insight)


def _own(model: type[Own], membership: Membership, value: str) -> Own | None:
    """The workspace's meeting (a follow-up is written from) or insight (a thank-you is
    written for) that the form or the link names by id; None for junk or another's."""
    ids = ids_from([value])
    if not ids:
        return None
    return model.objects.filter(pk=ids[0], workspace=membership.workspace).first()


def _meeting(membership: Membership, value: str) -> Meeting | None:
    return _own(Meeting, membership, value)


def _compose_log(
    request: AuthenticatedHttpRequest, membership: Membership, form: ComposeForm, *, send: bool
) -> HttpResponse:
    data: dict[str, Any] = form.cleaned_data
    message = Draft(
        kind=KIND_BY_KEY[data["kind"]],
        recipients=list(data["recipients"]),
        student=data.get("student"),
        subject=data["subject"],
        body=data["body"],
    )
    if send and not (drafts.smtp_configured() and message.addresses):
        form.add_error(None, _("Sending needs a mail server set up and an email address."))
        return _render_compose(request, membership, form, 400)
    token, workspace_id = data.get("form_token"), membership.workspace_id
    thanks = _own(Insight, membership, data.get("thanks", ""))
    if not send:
        try:
            with once.saving(request, token, workspace_id=workspace_id) as held:
                entry = _log(held, membership, message, author=request.user, thanks=thanks)
        except once.AlreadySaved as saved:
            messages.info(request, _("This message was already logged."))
            return redirect(saved.url or "home")
        messages.success(request, _("Added to the log."))
        return redirect_next(request, "entry_detail", entry.pk)
    try:
        # Committed before anything is sent, so that a second submit sends nothing: it
        # finds the claim (and, once logged, the entry). A failed send gives it back.
        held = once.claim(request, token, workspace_id=workspace_id)
    except once.AlreadySaved as saved:
        messages.info(request, _("This message was already logged."))
        return redirect(saved.url or "home")
    author = request.user
    meeting = (
        _meeting(membership, data.get("meeting", "")) if message.kind.key == FOLLOW_UP else None
    )
    refused: list[TeamMember] = []
    try:
        # Links only for a meeting held: there is no summary to confirm before.
        if meeting is not None and meeting.is_past and follow_up.links_offered():
            refused = follow_up_send(author=author, message=message, meeting=meeting)
        else:
            message_send(author=author, message=message)
    except (smtplib.SMTPException, OSError):
        held.release()  # nothing was sent: the same draft may be tried again
        form.add_error(
            None,
            _(
                "The mail server did not accept the message, so nothing was sent or "
                "logged. Your draft is below; try again, or open it in your mail app."
            ),
        )
        return _render_compose(request, membership, form, 502)
    if refused:
        # Some copies went: those are what is logged. The rest are offered again.
        message = dataclasses.replace(
            message, recipients=[m for m in message.recipients if m not in refused]
        )
    with transaction.atomic():
        entry = _log(held, membership, message, author=request.user, thanks=thanks)
    if refused:
        return _send_again(request, membership, sent=message.recipients, refused=refused)
    messages.success(request, _("Sent, and added to the log."))
    return redirect_next(request, "entry_detail", entry.pk)


def _log(
    held: once.Claim,
    membership: Membership,
    message: Draft,
    *,
    author: User,
    thanks: Insight | None,
) -> Interaction:
    """Log the message and note the entry on the form's claim, in the caller's transaction."""
    entry = message_log(
        workspace=membership.workspace, author=author, message=message, thanks=thanks
    )
    held.made(reverse("entry_detail", args=[entry.pk]))
    return entry
