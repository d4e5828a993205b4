from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import RestrictedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from allies.core.once import claim
from allies.log.queries import with_last_contact
from allies.relationships.charts import contacts_chart, tone_chart
from allies.relationships.health import member_series, open_follow_ups, team_health
from allies.workspaces.access import get_owned, require_current_membership

from .forms import StudentForm, TeamMemberForm
from .models import Student, TeamMember


@login_required
def student_list(request: HttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    students = Student.objects.filter(workspace=membership.workspace)
    return render(
        request, "students/student_list.html", {"students": students, "membership": membership}
    )


@login_required
def student_new(request: HttpRequest) -> HttpResponse:
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
def student_edit(request: HttpRequest, student_id: int) -> HttpResponse:
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


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    show_inactive = request.GET.get("inactive") == "1"
    members = TeamMember.objects.filter(workspace=membership.workspace)
    if not show_inactive:
        members = members.active()
    return render(
        request,
        "students/team_list.html",
        {
            "members": with_last_contact(members),
            "membership": membership,
            "show_inactive": show_inactive,
        },
    )


@login_required
def team_new(request: HttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not claim(request, form.cleaned_data.get("form_token")):
            messages.info(request, _("This team member was already saved."))
            return redirect("team_list")
        member = form.save(commit=False)
        member.workspace = membership.workspace
        member.save()
        messages.success(request, _("%(name)s is on the team.") % {"name": member.name})
        if "add_another" in request.POST:
            return redirect("team_new")
        return redirect("team_list")
    return render(request, "students/team_form.html", {"form": form, "member": None})


@login_required
def team_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member, membership = get_owned(request, TeamMember.objects.all(), member_id)
    health = team_health(membership.workspace, member=member)
    today = health.today
    series = member_series(member, today)
    context = {
        "member": member,
        "membership": membership,
        "h": health.members[0],
        "entries": member.interactions.current().prefetch_related("participants")[:10],
        "has_entries": member.interactions.exists(),
        "follow_ups": open_follow_ups(membership.workspace)
        .filter(participants=member)
        .order_by("follow_up_due", "pk")[:5],
        "charts": [
            contacts_chart(f"m{member.pk}-contacts", series),
            tone_chart(f"m{member.pk}-tone", series),
        ],
    }
    return render(request, "students/team_detail.html", context)


@login_required
def team_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    write = request.method == "POST"
    # Viewers read team_detail; this form is only for writing.
    member, membership = get_owned(request, TeamMember.objects.all(), member_id, write=True)
    form = TeamMemberForm(request.POST or None, instance=member)
    if write and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("team_detail", member_id=member.pk)
    return render(
        request,
        "students/team_form.html",
        {"form": form, "member": member, "membership": membership},
    )


@login_required
def team_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    member, _membership = get_owned(request, TeamMember.objects.all(), member_id, write=True)
    has_entries = member.interactions.exists()
    if request.method != "POST":
        # Deleting cannot be undone: say what will happen and ask first.
        return render(
            request, "students/team_remove.html", {"member": member, "has_entries": has_entries}
        )
    if not has_entries:
        try:
            member.delete()
        except RestrictedError:
            pass  # an entry was saved with them since the check: keep them, as below
        else:
            messages.success(request, _("%(name)s was removed.") % {"name": member.name})
            return redirect("team_list")
    # The log refers to them: keep the person, take them off the active team.
    member.active = False
    member.save(update_fields=["active"])
    messages.success(
        request,
        _("%(name)s has log entries, so they were marked inactive rather than deleted.")
        % {"name": member.name},
    )
    return redirect("team_list")
