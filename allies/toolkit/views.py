from __future__ import annotations

import json
import smtplib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allies.core.once import claim, release
from allies.core.params import ids_from
from allies.core.redirects import redirect_next
from allies.log.models import Tone
from allies.log.services import interaction_record
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.tone.coach import analyse, cues_in, highlighted
from allies.workspaces.access import get_owned, require_current_membership
from allies.workspaces.models import Membership

from . import drafts
from .defaults import KINDS, PLACEHOLDERS, default_template, fill
from .forms import ComposeForm, CustomQuestionForm, QuestionSearchForm, TemplateForm
from .guide import PAGES
from .models import CustomQuestion, FavouriteQuestion, MeetingQuestion, MessageTemplate
from .questions import CATEGORIES, QUESTIONS

KIND_BY_KEY = {k.key: k for k in KINDS}
LANGUAGES = [code for code, _name in settings.LANGUAGES]
POSITIVE_KINDS = {"appreciation", "home_insight", "meeting_follow_up"}


def _language(request: HttpRequest) -> str:
    return translation.get_language() or "en"


# --- The toolkit's front page --------------------------------------------------------


@login_required
def toolkit(request: HttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    language = _language(request)
    offer = drafts.update_month_offer(timezone.localdate())
    return render(
        request,
        "toolkit/index.html",
        {
            "membership": membership,
            "kinds": [(k.key, k.label(language)) for k in KINDS],
            "pages": [(p.slug, p.title(language), p.summary(language)) for p in PAGES],
            "month": (offer or timezone.localdate().replace(day=1)).strftime("%Y-%m"),
            "students": list(Student.objects.filter(workspace=membership.workspace)),
        },
    )


# --- Compose -------------------------------------------------------------------------


def _fill_draft(
    request: HttpRequest,
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
        user=request.user,  # type: ignore[arg-type]
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
    request: HttpRequest, membership: Membership, form: ComposeForm
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
    team = {m.pk: m for m in form.fields["recipients"].queryset}  # type: ignore[attr-defined]
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
    request: HttpRequest,
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
def compose(request: HttpRequest) -> HttpResponse:
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


def _compose_new(request: HttpRequest, membership: Membership) -> HttpResponse:
    """A fresh draft from the link that opened it: which message, to whom, about whom."""
    query = request.GET
    form = ComposeForm(workspace=membership.workspace, language=_language(request))
    kind = query.get("kind", "")
    if kind not in KIND_BY_KEY:
        kind = KINDS[0].key
    team = {m.pk: m for m in form.fields["recipients"].queryset}  # type: ignore[attr-defined]
    recipients = [team[i] for i in ids_from(query.getlist("member")) if i in team]
    students = list(form.fields["student"].queryset)  # type: ignore[attr-defined]
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
    request: HttpRequest, membership: Membership, form: ComposeForm
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


def _compose_eml(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(
        drafts.eml_bytes(
            user=request.user,  # type: ignore[arg-type]
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
    request: HttpRequest, membership: Membership, form: ComposeForm, *, send: bool
) -> HttpResponse:
    data: dict[str, Any] = form.cleaned_data
    recipients: list[TeamMember] = list(data["recipients"])
    addresses = [m.email for m in recipients if m.email]
    if send and not (drafts.smtp_configured() and addresses):
        form.add_error(None, _("Sending needs a mail server set up and an email address."))
        return _render_compose(request, membership, form, 400)
    token = data.get("form_token")
    if not claim(request, token):
        messages.info(request, _("This message was already logged."))
        return redirect("home")
    if send:
        try:
            drafts.email_message(
                user=request.user,  # type: ignore[arg-type]
                addresses=addresses,
                subject=data["subject"],
                body=data["body"],
            ).send()
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
    kind = KIND_BY_KEY[data["kind"]]
    entry = interaction_record(
        workspace=membership.workspace,
        author=request.user,  # type: ignore[arg-type]
        occurred_at=timezone.now(),
        channel="email",
        direction="sent",
        participants=recipients,
        purposes=drafts.purposes_for(kind.purposes),
        tone=Tone.POSITIVE if kind.key in POSITIVE_KINDS else Tone.NEUTRAL,
        summary=f"{data['subject']}\n\n{data['body']}",
        student=data.get("student"),
    )
    if send:
        messages.success(request, _("Sent, and added to the log."))
    else:
        messages.success(request, _("Added to the log."))
    return redirect_next(request, "entry_detail", entry.pk)


@login_required
def monthly_update(request: HttpRequest) -> HttpResponse:
    """The monthly update: the compose page with the month's draft built from the log."""
    require_current_membership(request, write=True)
    month = drafts.month_from(request.GET.get("month"), timezone.localdate())
    params = request.GET.copy()
    params["kind"] = "monthly_update"
    params["month"] = month.strftime("%Y-%m")
    return redirect(f"{reverse('compose')}?{params.urlencode()}")


# --- Templates -----------------------------------------------------------------------


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    own = set(
        MessageTemplate.objects.filter(workspace=membership.workspace).values_list(
            "kind", "language"
        )
    )
    rows = [
        {
            "kind": kind,
            "label": kind.label(_language(request)),
            "languages": [
                {"code": code, "name": name, "own": (kind.key, code) in own}
                for code, name in settings.LANGUAGES
            ],
        }
        for kind in KINDS
    ]
    return render(request, "toolkit/template_list.html", {"rows": rows, "membership": membership})


def _kind_and_language(kind: str, language: str) -> Any:
    if kind not in KIND_BY_KEY or language not in LANGUAGES:
        raise Http404
    return KIND_BY_KEY[kind]


@login_required
def template_edit(request: HttpRequest, kind: str, language: str) -> HttpResponse:
    write = request.method == "POST"
    membership = require_current_membership(request, write=True)
    kind_info = _kind_and_language(kind, language)
    workspace = membership.workspace
    own = MessageTemplate.objects.filter(workspace=workspace, kind=kind, language=language).first()
    if own is None:
        shipped = default_template(kind, language)
        own = MessageTemplate(workspace=workspace, kind=kind, language=language, **shipped)
    form = TemplateForm(request.POST or None, instance=own)
    if write and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        try:
            with transaction.atomic():
                saved.save()
        except IntegrityError:
            # Someone saved this template a moment ago: keep theirs, show ours again.
            form.add_error(None, _("Someone else saved this template just now. Reload it."))
        else:
            messages.success(request, _("Saved. New drafts use your wording."))
            return redirect("template_list")
    return render(
        request,
        "toolkit/template_form.html",
        {
            "form": form,
            "kind": kind_info,
            "label": kind_info.label(_language(request)),
            "language": language,
            "placeholders": sorted(PLACEHOLDERS),
            "customised": own.pk is not None,
            "membership": membership,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def template_reset(request: HttpRequest, kind: str, language: str) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    _kind_and_language(kind, language)
    MessageTemplate.objects.filter(
        workspace=membership.workspace, kind=kind, language=language
    ).delete()
    messages.success(request, _("Back to the default wording."))
    return redirect("template_list")


# --- Question bank -------------------------------------------------------------------


@login_required
def question_bank(request: HttpRequest) -> HttpResponse:
    return _question_bank(request)


def _question_bank(
    request: HttpRequest, add_form: CustomQuestionForm | None = None
) -> HttpResponse:
    membership = require_current_membership(request)
    workspace = membership.workspace
    language = _language(request)
    search = QuestionSearchForm(request.GET or None, language=language)
    search.is_valid()
    filters = getattr(search, "cleaned_data", {})
    words = [w.casefold() for w in (filters.get("q") or "").split()]
    category = filters.get("category") or ""
    favourites = set(
        FavouriteQuestion.objects.filter(workspace=workspace).values_list("key", flat=True)
    )

    def wanted(text: str, cat: str, starred: bool) -> bool:
        if category and cat != category:
            return False
        if filters.get("favourites") and not starred:
            return False
        folded = text.casefold()
        return all(w in folded for w in words)

    labels = {c.key: c.label(language) for c in CATEGORIES}
    bank = [
        {
            "key": q.key,
            "text": q.text(language),
            "category": labels.get(q.category, q.category),
            "favourite": q.key in favourites,
        }
        for q in QUESTIONS
        if wanted(q.text(language), q.category, q.key in favourites)
    ]
    own_qs = CustomQuestion.objects.filter(workspace=workspace)
    if category:
        own_qs = own_qs.filter(category=category)
    if filters.get("favourites"):
        own_qs = own_qs.filter(favourite=True)
    for word in words:
        # Case folded in Python when saved: SQLite's LIKE folds ASCII letters only.
        own_qs = own_qs.filter(search_text__contains=word)
    own_page = Paginator(own_qs, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    for own in own_page:
        own.category_label = labels.get(own.category, own.category)  # type: ignore[attr-defined]
    students = list(Student.objects.filter(workspace=workspace))
    return render(
        request,
        "toolkit/questions.html",
        {
            "membership": membership,
            "search": search,
            "bank": bank,
            "own_page": own_page,
            "labels": labels,
            "students": students,
            "add_form": add_form or CustomQuestionForm(language=language, prefix="add"),
        },
        status=400 if add_form is not None and add_form.errors else 200,
    )


@login_required
@require_POST
def question_favourite(request: HttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    workspace = membership.workspace
    key = request.POST.get("key", "")
    own = ids_from([request.POST.get("own", "")])
    if own:
        question, _m = get_owned(request, CustomQuestion.objects.all(), own[0], write=True)
        question.favourite = not question.favourite
        question.save(update_fields=["favourite"])
    elif any(q.key == key for q in QUESTIONS):
        deleted, _rows = FavouriteQuestion.objects.filter(workspace=workspace, key=key).delete()
        if not deleted:
            FavouriteQuestion.objects.get_or_create(workspace=workspace, key=key)
    else:
        raise Http404
    return redirect_next(request, "question_bank")


@login_required
@require_POST
def question_add(request: HttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    form = CustomQuestionForm(request.POST, language=_language(request), prefix="add")
    if not form.is_valid():
        return _question_bank(request, add_form=form)
    if claim(request, form.cleaned_data.get("form_token")):
        form.save(workspace=membership.workspace, user=request.user)
        messages.success(request, _("Your question is in the bank."))
    return redirect("question_bank")


@login_required
@require_POST
def meeting_question_add(request: HttpRequest) -> HttpResponse:
    students = ids_from([request.POST.get("student", "")])
    if not students:
        raise Http404
    student, _m = get_owned(request, Student.objects.all(), students[0], write=True)
    key = request.POST.get("key", "")
    own = ids_from([request.POST.get("own", "")])
    try:
        with transaction.atomic():
            if own:
                # Only a question of the student's own workspace.
                question, _m = get_owned(
                    request,
                    CustomQuestion.objects.filter(workspace_id=student.workspace_id),
                    own[0],
                )
                MeetingQuestion.objects.create(
                    student=student,
                    custom=question,
                    added_by=request.user,  # type: ignore[misc]
                )
            elif any(q.key == key for q in QUESTIONS):
                MeetingQuestion.objects.create(
                    student=student,
                    key=key,
                    added_by=request.user,  # type: ignore[misc]
                )
            else:
                raise Http404
    except IntegrityError:
        messages.info(request, _("That question is already on the list for the next meeting."))
    else:
        messages.success(
            request,
            _("Added to the questions for %(name)s's next meeting.") % {"name": student.name},
        )
    return redirect_next(request, "question_bank")


@login_required
def meeting_questions(request: HttpRequest, student_id: int) -> HttpResponse:
    student, membership = get_owned(request, Student.objects.all(), student_id)
    language = _language(request)
    bank = {q.key: q for q in QUESTIONS}
    rows = []
    for picked in MeetingQuestion.objects.filter(student=student).select_related("custom"):
        if picked.custom is not None:
            text = picked.custom.text
        elif picked.key in bank:
            text = bank[picked.key].text(language)
        else:
            continue  # a question no longer in the bank
        rows.append({"pk": picked.pk, "text": text})
    return render(
        request,
        "toolkit/meeting_questions.html",
        {"student": student, "rows": rows, "membership": membership},
    )


@login_required
@require_POST
def meeting_question_remove(request: HttpRequest, pk: int) -> HttpResponse:
    picked = MeetingQuestion.objects.filter(pk=pk).select_related("student").first()
    if picked is None:
        raise Http404
    student, _m = get_owned(request, Student.objects.all(), picked.student_id, write=True)
    picked.delete()
    messages.success(request, _("Removed from the list."))
    return redirect("meeting_questions", student_id=student.pk)


# --- The strategy guide --------------------------------------------------------------


@login_required
def guide_index(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    pages = [
        {"slug": p.slug, "title": p.title(language), "summary": p.summary(language)} for p in PAGES
    ]
    return render(request, "toolkit/guide_index.html", {"pages": pages})


@login_required
def guide_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = next((p for p in PAGES if p.slug == slug), None)
    if page is None:
        raise Http404
    language = _language(request)
    membership = require_current_membership(request)
    return render(
        request,
        "toolkit/guide_page.html",
        {
            "page": page,
            "title": page.title(language),
            "template_name": page.template_name(language if language in LANGUAGES else "en"),
            "action_label": page.action_label(language) if page.action_label else "",
            "membership": membership,
        },
    )
