"""Adding, editing and removing the people on the team.

The roster with each person's last contact, and a member's page with their health
figures, are read from the log: they live with those figures, in `relationships`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import RestrictedError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import once
from allies.workspaces.access import get_owned, require_current_membership

from .forms import TeamMemberForm
from .models import TeamMember


@login_required
def team_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data.get("form_token")
        try:
            with once.saving(request, token, workspace_id=membership.workspace_id) as held:
                member = form.save(commit=False)
                member.workspace = membership.workspace
                member.save()
                held.made(reverse("team_detail", args=[member.pk]))
        except once.AlreadySaved as saved:
            messages.info(request, _("This team member was already saved."))
            return redirect(saved.url or "team_list")
        messages.success(request, _("%(name)s is on the team.") % {"name": member.name})
        if "add_another" in request.POST:
            return redirect("team_new")
        return redirect("team_list")
    return render(request, "team/member_form.html", {"form": form, "member": None})


@login_required
def team_edit(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
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
        "team/member_form.html",
        {"form": form, "member": member, "membership": membership},
    )


@login_required
def team_remove(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member, _membership = get_owned(request, TeamMember.objects.all(), member_id, write=True)
    has_entries = member.interactions.exists()
    if request.method != "POST":
        # Deleting cannot be undone: say what will happen and ask first.
        return render(
            request, "team/member_remove.html", {"member": member, "has_entries": has_entries}
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
