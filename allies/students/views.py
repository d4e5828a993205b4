from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import once
from allies.workspaces.access import get_owned, require_current_membership

from . import services
from .forms import StudentForm
from .models import Student


@login_required
def student_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The students followed now; `?archived=1` also lists the archived ones."""
    membership = require_current_membership(request)
    workspace = membership.workspace
    show_archived = request.GET.get("archived") == "1"
    archived = Student.all_objects.filter(workspace=workspace, archived=True)
    return render(
        request,
        "students/student_list.html",
        {
            "students": Student.objects.filter(workspace=workspace),
            "show_archived": show_archived,
            "archived": list(archived) if show_archived else [],
            "archived_count": archived.count(),
            "membership": membership,
        },
    )


@login_required
def student_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    form = StudentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data.get("form_token")
        try:
            with once.saving(request, token, workspace_id=membership.workspace_id) as held:
                student = form.save(commit=False)
                student.workspace = membership.workspace
                student.fill_default_dates()
                student.full_clean()
                student.save()
                held.made(reverse("student_edit", args=[student.pk]))
        except once.AlreadySaved as saved:
            messages.info(request, _("This student was already saved."))
            return redirect(saved.url or "student_list")
        if membership.workspace.team_members.exists():
            messages.success(request, _("Saved."))
            return redirect("student_list")
        messages.success(request, _("Saved. Now add the people on the team."))
        return redirect("team_new")
    return render(request, "students/student_form.html", {"form": form, "student": None})


@login_required
def student_edit(request: AuthenticatedHttpRequest, student_id: int) -> HttpResponse:
    write = request.method == "POST"
    student, membership = get_owned(request, Student.all_objects.all(), student_id, write=write)
    form = StudentForm(request.POST or None, instance=student)
    if not membership.can_write:
        for field in form.fields.values():
            field.disabled = True
    if write and form.is_valid():
        student = form.save(commit=False)
        student.fill_default_dates()
        student.save()
        messages.success(request, _("Saved."))
        return redirect("student_list")
    return render(
        request,
        "students/student_form.html",
        {"form": form, "student": student, "membership": membership},
    )


@login_required
def student_remove(request: AuthenticatedHttpRequest, student_id: int) -> HttpResponse:
    """Delete a student nothing in the log names, or archive one it does; GET asks first."""
    student, _m = get_owned(request, Student.all_objects.all(), student_id, write=True)
    has_entries = student.interactions.exists()
    if request.method != "POST":
        return render(
            request,
            "students/student_remove.html",
            {
                "student": student,
                "has_entries": has_entries,
                "questions": student.meeting_questions.count(),
            },
        )
    if "archive" in request.POST:
        services.student_archive(student=student)
        deleted = False
    else:
        deleted = services.student_remove(student=student)
    if deleted:
        messages.success(request, _("%(name)s was deleted.") % {"name": student.name})
    elif "archive" in request.POST or not has_entries:
        messages.success(
            request,
            _("%(name)s is archived. Show archived students to restore them.")
            % {"name": student.name},
        )
    else:
        messages.success(
            request,
            _("%(name)s has log entries, so they were archived rather than deleted.")
            % {"name": student.name},
        )
    return redirect("student_list")


@login_required
@require_POST
def student_restore(request: AuthenticatedHttpRequest, student_id: int) -> HttpResponse:
    student, _m = get_owned(request, Student.all_objects.all(), student_id, write=True)
    services.student_restore(student=student)
    messages.success(request, _("%(name)s is back on the student list.") % {"name": student.name})
    return redirect("student_list")
