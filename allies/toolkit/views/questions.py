from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import once
from allies.core.params import ids_from
from allies.core.pdf import pdf_response
from allies.core.redirects import redirect_next
from allies.meetings.picked import at_meetings, next_meeting
from allies.questions import services
from allies.questions.bank import CATEGORIES, QUESTIONS
from allies.questions.models import CustomQuestion, FavouriteQuestion, MeetingQuestion
from allies.questions.picked import picked_for
from allies.students.models import Student
from allies.workspaces.access import get_owned, require_current_membership

from ..forms import CustomQuestionForm, QuestionSearchForm
from .common import page_language as _language


@login_required
def question_bank(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _question_bank(request)


def _question_bank(
    request: AuthenticatedHttpRequest, add_form: CustomQuestionForm | None = None
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
        own.category_label = labels.get(own.category, own.category)  # type: ignore[attr-defined]  # for the template
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
            "category": category,  # the printable list follows it
            "add_form": add_form or CustomQuestionForm(language=language, prefix="add"),
        },
        status=400 if add_form is not None and add_form.errors else 200,
    )


@login_required
@require_POST
def question_favourite(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    workspace = membership.workspace
    key = request.POST.get("key", "")
    own = ids_from([request.POST.get("own", "")])
    if own:
        question, _m = get_owned(request, CustomQuestion.objects.all(), own[0], write=True)
        services.custom_question_favourite_toggle(question=question)
    elif any(q.key == key for q in QUESTIONS):
        services.favourite_toggle(workspace=workspace, key=key)
    else:
        raise Http404
    return redirect_next(request, "question_bank")


@login_required
@require_POST
def question_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    form = CustomQuestionForm(request.POST, language=_language(request), prefix="add")
    if not form.is_valid():
        return _question_bank(request, add_form=form)
    token = form.cleaned_data.get("form_token")
    try:
        with once.saving(request, token, workspace_id=membership.workspace_id) as held:
            services.custom_question_create(
                workspace=membership.workspace,
                author=request.user,
                category=form.cleaned_data["category"],
                text=form.cleaned_data["text"],
            )
            held.made(reverse("question_bank"))
    except once.AlreadySaved:
        pass  # saved by the first submit, which said so; the bank shows it
    else:
        messages.success(request, _("Your question is in the bank."))
    return redirect("question_bank")


@login_required
@require_POST
def meeting_question_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    students = ids_from([request.POST.get("student", "")])
    if not students:
        raise Http404
    student, _m = get_owned(request, Student.objects.all(), students[0], write=True)
    key = request.POST.get("key", "")
    own = ids_from([request.POST.get("own", "")])
    custom = None
    if own:
        # Only a question of the student's own workspace.
        custom, _m = get_owned(
            request, CustomQuestion.objects.filter(workspace_id=student.workspace_id), own[0]
        )
    elif not any(q.key == key for q in QUESTIONS):
        raise Http404
    added = services.meeting_question_add(
        student=student,
        author=request.user,
        key=key,
        custom=custom,
    )
    if added:
        messages.success(
            request,
            _("Added to the questions for %(name)s's next meeting.") % {"name": student.name},
        )
    else:
        messages.info(request, _("That question is already on the list for the next meeting."))
    return redirect_next(request, "question_bank")


def _picked_list(request: AuthenticatedHttpRequest, student_id: int) -> dict[str, Any]:
    """A student's picked questions, each with where it stands, and the student's next
    meeting (the one they will be suggested for): a fixed number of queries."""
    # An archived student's list can still be read (and cleared), not added to.
    student, membership = get_owned(request, Student.all_objects.all(), student_id)
    now = timezone.now()
    upcoming = next_meeting(student.pk, student.workspace_id, now)
    rows = at_meetings(
        picked_for(student.pk, _language(request)),
        student_id=student.pk,
        workspace_id=student.workspace_id,
        upcoming=upcoming,
        now=now,
    )
    return {"student": student, "rows": rows, "upcoming": upcoming, "membership": membership}


@login_required
def meeting_questions(request: AuthenticatedHttpRequest, student_id: int) -> HttpResponse:
    return render(request, "toolkit/meeting_questions.html", _picked_list(request, student_id))


def _printable(request: AuthenticatedHttpRequest, student_id: int) -> dict[str, Any]:
    return {
        **_picked_list(request, student_id),
        "language": _language(request),
        "today": timezone.localdate(),
    }


@login_required
def meeting_questions_print(request: AuthenticatedHttpRequest, student_id: int) -> HttpResponse:
    """The list to take to the meeting, as a page to print."""
    return render(
        request,
        "toolkit/print/meeting_questions.html",
        {**_printable(request, student_id), "screen": True},
    )


@login_required
def meeting_questions_pdf(request: AuthenticatedHttpRequest, student_id: int) -> HttpResponse:
    html = render_to_string("toolkit/print/meeting_questions.html", _printable(request, student_id))
    # A number, not a name: the file name says nothing about the child.
    return pdf_response(html, f"questions-{student_id}.pdf")


@login_required
@require_POST
def meeting_question_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    picked = MeetingQuestion.objects.filter(pk=pk).select_related("student").first()
    if picked is None:
        raise Http404
    student, _m = get_owned(request, Student.all_objects.all(), picked.student_id, write=True)
    services.meeting_question_remove(picked=picked)
    messages.success(request, _("Removed from the list."))
    return redirect("meeting_questions", student_id=student.pk)


@login_required
def custom_question_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Delete one of the workspace's own questions; GET asks first, naming the students
    whose next-meeting list it is on (it leaves those lists too)."""
    question, _m = get_owned(request, CustomQuestion.objects.all(), pk, write=True)
    if request.method != "POST":
        on_lists = Student.all_objects.filter(meeting_questions__custom=question).distinct()
        return render(
            request,
            "toolkit/question_delete.html",
            {"question": question, "students": list(on_lists)},
        )
    services.custom_question_delete(question=question)
    messages.success(request, _("Your question was deleted."))
    return redirect("question_bank")
