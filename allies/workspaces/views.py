from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core.once import claim
from allies.core.redirects import redirect_next

from .access import get_membership, get_owner_membership, memberships_for, switch_workspace
from .forms import MemberAddForm, WorkspaceForm
from .models import Membership, Workspace
from .services import membership_add, workspace_create


@login_required
def workspace_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = WorkspaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not claim(request, form.cleaned_data.get("form_token")):
            messages.info(request, _("That workspace was already created."))
            return redirect("workspace_list")
        workspace = workspace_create(
            owner=request.user,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
        )
        switch_workspace(request, workspace)
        messages.success(request, _("Workspace created. You are now working in it."))
        return redirect("home")
    return render(
        request,
        "workspaces/list.html",
        {"memberships": list(memberships_for(request).values()), "form": form},
    )


@login_required
@require_POST
def workspace_switch(request: AuthenticatedHttpRequest, workspace_id: int) -> HttpResponse:
    membership = get_membership(request, workspace_id)
    switch_workspace(request, membership.workspace)
    messages.success(
        request, _("You are now working in %(name)s.") % {"name": membership.workspace.name}
    )
    return redirect_next(request, "home")


@login_required
def workspace_detail(request: AuthenticatedHttpRequest, workspace_id: int) -> HttpResponse:
    membership = get_membership(request, workspace_id)
    workspace = membership.workspace
    form = None
    if membership.is_owner:
        form = MemberAddForm(request.POST or None, workspace=workspace)
        if request.method == "POST" and form.is_valid():
            membership_add(
                workspace=workspace, user=form.cleaned_data["email"], role=form.cleaned_data["role"]
            )
            messages.success(request, _("Added to the workspace."))
            return redirect("workspace_detail", workspace_id=workspace.pk)
    elif request.method == "POST":
        get_owner_membership(request, workspace_id)
    members = workspace.memberships.select_related("user").order_by("user__email")
    return render(
        request,
        "workspaces/detail.html",
        {"membership": membership, "workspace": workspace, "members": members, "form": form},
    )


@login_required
@require_POST
def membership_remove(
    request: AuthenticatedHttpRequest, workspace_id: int, membership_id: int
) -> HttpResponse:
    get_owner_membership(request, workspace_id)
    with transaction.atomic():
        # Under the workspace's lock, two owners removing each other cannot both succeed.
        Workspace.objects.select_for_update().get(pk=workspace_id)
        target = get_object_or_404(Membership, pk=membership_id, workspace_id=workspace_id)
        owners = Membership.objects.filter(workspace_id=workspace_id, role=Membership.Role.OWNER)
        if target.is_owner and owners.count() == 1:
            messages.error(request, _("A workspace needs at least one owner."))
        else:
            target.delete()
            messages.success(request, _("Removed from the workspace."))
    return redirect("workspace_detail", workspace_id=workspace_id)
