from __future__ import annotations

import json
import smtplib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core.once import claim, release
from allies.core.params import ids_from
from allies.core.redirects import redirect_next
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.tone.coach import analyse, cues_in, highlighted
from allies.workspaces.access import require_current_membership
from allies.workspaces.models import Membership

from .. import drafts
from ..defaults import KINDS, fill
from ..forms import ComposeForm
from ..services import Draft, message_log, message_send
from .common import KIND_BY_KEY, LANGUAGES
from .common import page_language as _language


def _fill_draft(
    request: AuthenticatedHttpRequest,
    membership: Membership,
    *,
    kind: str,
    recipients: list[TeamMember],
    student: Student | None,
    language: str,
    month: str,
) -> dict[str, str]:
    workspace = membership.workspace
    month_day = drafts.month_from(month, timezone.localdate()) if kind == "monthly_update" else None
    subject, body, _own = drafts.template_for(workspace, kind, language)
    values = drafts.draft_values(
        workspace=workspace,
        user=request.user,
        recipients=recipients,
        student=student,
        language=language,
        month=month_day,
    )
    return {
        "subject": fill(subject, values),
        "body": fill(body, values),
        "month": month_day.strftime("%Y-%m") if month_day else "",
    }


def _compose_context(
    request: AuthenticatedHttpRequest, membership: Membership, form: ComposeForm
) -> dict[str, Any]:
    data = form.data if form.is_bound else form.initial
    ids = ids_from(
        [
            str(v)
            for v in (
                data.getlist("recipients")
                if hasattr(data, "getlist")
                else data.get("recipients", [])
            )
        ]
    )
    team = {m.pk: m for m in form.team}
    recipients = [team[i] for i in ids if i in team]
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
    }


def _render_compose(
    request: AuthenticatedHttpRequest,
    membership: Membership,
    form: ComposeForm,
    status: int = 200,
    *,
    cues_stop: str = "",
) -> HttpResponse:
    context = _compose_context(request, membership, form)
    context["cues_stop"] = cues_stop
    return render(request, "toolkit/compose.html", context, status=status)


@login_required
def compose(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    page_language = _language(request)
    if request.method != "POST":
        return _compose_new(request, membership)
    form = ComposeForm(request.POST, workspace=membership.workspace, language=page_language)
    action = request.POST.get("action", "check")
    if action == "refill":
        return _compose_refill(request, membership, form)
    if action == "check" or not form.is_valid():
        return _render_compose(request, membership, form, 200 if action == "check" else 400)
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
    recipients = [team[i] for i in ids_from(query.getlist("member")) if i in team]
    students = list(form.students)
    wanted = ids_from(query.getlist("student"))
    student = next((s for s in students if s.pk in wanted), None)
    if student is None and len(students) == 1:
        student = students[0]
    language = query.get("language", "")
    if language not in LANGUAGES:
        # Drafts to someone start in their language; to several, in the first one's.
        language = recipients[0].language if recipients else _language(request)
    filled = _fill_draft(
        request,
        membership,
        kind=kind,
        recipients=recipients,
        student=student,
        language=language,
        month=query.get("month", ""),
    )
    form.initial.update(
        {
            "kind": kind,
            "recipients": [m.pk for m in recipients],
            "student": student.pk if student else None,
            "language": language,
            **filled,
        }
    )
    return _render_compose(request, membership, form)


def _compose_refill(
    request: AuthenticatedHttpRequest, membership: Membership, form: ComposeForm
) -> HttpResponse:
    """Start again from the template for the chosen message, people and language."""
    form.is_valid()
    cleaned: dict[str, Any] = getattr(form, "cleaned_data", {})
    data = request.POST.copy()
    kind, language = data.get("kind", ""), data.get("language", "")
    if kind in KIND_BY_KEY and language in LANGUAGES:
        data.update(
            _fill_draft(
                request,
                membership,
                kind=kind,
                recipients=list(cleaned.get("recipients") or []),
                student=cleaned.get("student"),
                language=language,
                month=data.get("month", ""),
            )
        )
    refilled = ComposeForm(data, workspace=membership.workspace, language=_language(request))
    return _render_compose(request, membership, refilled)


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
    token = data.get("form_token")
    if not claim(request, token):
        messages.info(request, _("This message was already logged."))
        return redirect("home")
    author = request.user
    if send:
        try:
            message_send(author=author, message=message)
        except (smtplib.SMTPException, OSError):
            release(request, token)  # nothing was sent: the same draft may be tried again
            form.add_error(
                None,
                _(
                    "The mail server did not accept the message, so nothing was sent or "
                    "logged. Your draft is below; try again, or open it in your mail app."
                ),
            )
            return _render_compose(request, membership, form, 502)
    entry = message_log(workspace=membership.workspace, author=author, message=message)
    if send:
        messages.success(request, _("Sent, and added to the log."))
    else:
        messages.success(request, _("Added to the log."))
    return redirect_next(request, "entry_detail", entry.pk)
