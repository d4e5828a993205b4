from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import once
from allies.core.paging import page_of
from allies.core.redirects import local_path, redirect_next

from . import services
from .access import (
    current_membership,
    forget_workspace,
    get_membership,
    get_owner_membership,
    memberships_for,
    switch_workspace,
)
from .forms import InvitationForm, WorkspaceForm, WorkspaceRenameForm
from .models import AccessRecord, Invitation, Membership, Workspace
from .services import InvitationGone, LastOwner, workspace_create


@login_required
def workspace_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = WorkspaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            # Outside any workspace: the claim's scope is the user's own (workspace 0).
            with once.saving(
                request, form.cleaned_data.get("form_token"), workspace_id=None
            ) as held:
                workspace = workspace_create(
                    owner=request.user,
                    name=form.cleaned_data["name"],
                    kind=form.cleaned_data["kind"],
                )
                held.made(reverse("workspace_detail", args=[workspace.pk]))
        except once.AlreadySaved as saved:
            messages.info(request, _("That workspace was already created."))
            return redirect(saved.url or "workspace_list")
        switch_workspace(request, workspace)
        messages.success(request, _("Workspace created. You are now working in it."))
        return redirect("home")
    return render(
        request,
        "workspaces/list.html",
        {
            "memberships": list(memberships_for(request).values()),
            "invitations": Invitation.objects.pending()
            .for_user(request.user)
            .select_related("workspace", "invited_by")
            .order_by("created_at", "pk"),
            "form": form,
            "deleted": _deleted(request),
        },
    )


def _deleted(request: AuthenticatedHttpRequest) -> list[Workspace]:
    """The deleted workspaces the user owns, each with the day it is removed for good."""
    deleted = list(services.deleted_workspaces_owned(request.user))
    for workspace in deleted:
        assert workspace.deleted_at is not None
        workspace.removed_on = services.removed_on(workspace.deleted_at)  # type: ignore[attr-defined]
    return deleted


def _invitation_for(request: AuthenticatedHttpRequest, invitation_id: int) -> Invitation:
    """The user's own invitation, else 404: nobody else may know it exists."""
    invitation = (
        Invitation.objects.for_user(request.user)
        .select_related("workspace")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


@login_required
@require_POST
def invitation_accept(request: AuthenticatedHttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _invitation_for(request, invitation_id)
    try:
        membership = services.invitation_accept(invitation=invitation, user=request.user)
    except InvitationGone:
        raise Http404 from None
    forget_workspace(request, membership.workspace_id)
    switch_workspace(request, membership.workspace)
    messages.success(
        request,
        _("You joined %(name)s. You are now working in it.") % {"name": membership.workspace.name},
    )
    return redirect("home")


@login_required
@require_POST
def invitation_decline(request: AuthenticatedHttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _invitation_for(request, invitation_id)
    if not invitation.pending:
        raise Http404
    services.invitation_decline(invitation=invitation)
    messages.success(
        request, _("Declined the invitation to %(name)s.") % {"name": invitation.workspace.name}
    )
    return redirect("workspace_list")


@login_required
@require_POST
def invitation_withdraw(
    request: AuthenticatedHttpRequest, workspace_id: int, invitation_id: int
) -> HttpResponse:
    get_owner_membership(request, workspace_id)
    invitation = get_object_or_404(
        Invitation.objects.pending(), pk=invitation_id, workspace_id=workspace_id
    )
    services.invitation_withdraw(invitation=invitation)
    messages.success(
        request, _("Withdrew the invitation to %(email)s.") % {"email": invitation.email}
    )
    return redirect("workspace_detail", workspace_id=workspace_id)


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
@require_safe
def workspace_open(request: AuthenticatedHttpRequest, workspace_id: int) -> HttpResponse:
    """A link into a workspace (the weekly digest's): go on to `next` in it.

    Opening a link never switches by itself: a GET is not protected against cross-site
    requests (SameSite=Lax cookies go with any link followed from another site or an
    email), and whatever is logged next lands in the current workspace, so a forged
    switch could put a private note where others read it. When the reader is already
    working in this workspace nothing changes and the link goes straight on; otherwise
    a page asks, and its button is the usual switch, a POST with its CSRF token.
    """
    membership = get_membership(request, workspace_id)
    target = local_path(request.GET.get("next")) or reverse("home")
    current = current_membership(request)
    if current is not None and current.workspace_id == workspace_id:
        return redirect(target)
    return render(
        request,
        "workspaces/open.html",
        {"membership": membership, "workspace": membership.workspace, "next": target},
    )


@login_required
def workspace_detail(request: AuthenticatedHttpRequest, workspace_id: int) -> HttpResponse:
    membership = get_membership(request, workspace_id)
    workspace = membership.workspace
    form = None
    if membership.is_owner:
        form = InvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            email, role = form.cleaned_data["email"], form.cleaned_data["role"]
            invitation = services.invitation_create(
                workspace=workspace, email=email, role=role, invited_by=request.user
            )
            if invitation is None:
                # Only for someone on the member list the owner already sees.
                messages.info(request, _("%(email)s already has access.") % {"email": email})
            else:
                # The same answer whether or not an account uses the address.
                messages.success(
                    request,
                    _(
                        "Invited %(email)s as %(role)s. They will see this workspace once they "
                        "accept: after logging in, or after signing up with this address. "
                        "Allies sends no email: tell them, by your usual channel, to log in "
                        "or sign up with this address."
                    )
                    % {"email": email, "role": invitation.get_role_display().lower()},
                )
            return redirect("workspace_detail", workspace_id=workspace.pk)
    elif request.method == "POST":
        get_owner_membership(request, workspace_id)
    return _render_detail(request, membership, form=form)


def _render_detail(
    request: AuthenticatedHttpRequest,
    membership: Membership,
    *,
    form: InvitationForm | None = None,
    rename_form: WorkspaceRenameForm | None = None,
) -> HttpResponse:
    """The workspace page; owners get the rename and invite forms (bound, with errors,
    after a refused POST, so what was typed is shown again)."""
    workspace = membership.workspace
    if membership.is_owner:
        form = form or InvitationForm()
        rename_form = rename_form or WorkspaceRenameForm(initial={"name": workspace.name})
    members = workspace.memberships.select_related("user").order_by("user__email")
    invitations = workspace.invitations.pending().order_by("email") if membership.is_owner else None
    return render(
        request,
        "workspaces/detail.html",
        {
            "membership": membership,
            "workspace": workspace,
            "members": members,
            "invitations": invitations,
            "form": form,
            "rename_form": rename_form,
            "last_owner": _is_last_owner(membership),
        },
        # A refused rename says so (the invitation form has always answered 200).
        status=400 if rename_form is not None and rename_form.errors else 200,
    )


def _is_last_owner(membership: Membership) -> bool:
    return membership.is_owner and not (
        Membership.objects.filter(workspace_id=membership.workspace_id, role=Membership.Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    )


@login_required
def workspace_rename(request: AuthenticatedHttpRequest, workspace_id: int) -> HttpResponse:
    """Owners rename the workspace (the form is on the workspace page)."""
    membership = get_owner_membership(request, workspace_id)
    if request.method != "POST":
        return _render_detail(request, membership)
    form = WorkspaceRenameForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, membership, rename_form=form)
    services.workspace_rename(workspace=membership.workspace, name=form.cleaned_data["name"])
    messages.success(request, _("Renamed."))
    return redirect("workspace_detail", workspace_id=workspace_id)


@login_required
def workspace_leave(request: AuthenticatedHttpRequest, workspace_id: int) -> HttpResponse:
    """Anyone but the last owner may leave; GET asks first and says what happens."""
    membership = get_membership(request, workspace_id)
    workspace = membership.workspace
    last_owner = _is_last_owner(membership)
    if request.method != "POST":
        return render(
            request,
            "workspaces/leave.html",
            {"membership": membership, "workspace": workspace, "last_owner": last_owner},
        )
    try:
        services.workspace_leave(membership=membership)
    except LastOwner:
        messages.error(
            request,
            _("A workspace needs at least one owner: add another owner before you leave."),
        )
        return redirect("workspace_detail", workspace_id=workspace_id)
    forget_workspace(request, workspace_id)
    following = current_membership(request)
    if following is None:
        messages.success(
            request,
            _("You left %(name)s. Create a workspace below, or ask an owner to invite you to one.")
            % {"name": workspace.name},
        )
        return redirect("workspace_list")
    switch_workspace(request, following.workspace)
    messages.success(
        request,
        _("You left %(left)s. You are now working in %(name)s.")
        % {"left": workspace.name, "name": following.workspace.name},
    )
    return redirect("home")


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


@login_required
@require_safe
def access_record(request: AuthenticatedHttpRequest, workspace_id: int) -> HttpResponse:
    """The record of access, newest first, for the workspace's owners."""
    membership = get_owner_membership(request, workspace_id)
    rows = AccessRecord.objects.filter(workspace=workspace_id).order_by("-at", "-id")
    page, query = page_of(request, rows)
    return render(
        request,
        "workspaces/access_record.html",
        {"membership": membership, "workspace": membership.workspace, "page": page, "query": query},
    )
