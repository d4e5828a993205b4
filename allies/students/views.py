from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core.once import claim
from allies.workspaces.access import get_owned, require_current_membership

from .forms import StudentForm
from .models import Student


@login_required
def student_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    students = Student.objects.filter(workspace=membership.workspace)
    return render(
        request, "students/student_list.html", {"students": students, "membership": membership}
    )


@login_required
def student_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    form = StudentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not claim(request, form.cleaned_data.get("form_token")):
            messages.info(request, _("This student was already saved."))
            return redirect("student_list")
        student = form.save(commit=False)
        student.workspace = membership.workspace
        student.fill_default_dates()
        student.full_clean()
        student.save()
        if membership.workspace.team_members.exists():
            messages.success(request, _("Saved."))
            return redirect("student_list")
        messages.success(request, _("Saved. Now add the people on the team."))
        return redirect("team_new")
    return render(request, "students/student_form.html", {"form": form, "student": None})


@login_required
def student_edit(request: AuthenticatedHttpRequest, student_id: int) -> HttpResponse:
    write = request.method == "POST"
    student, membership = get_owned(request, Student.objects.all(), student_id, write=write)
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
