"""Backing up a workspace, taking everything, and deleting (with time to change one's mind).

Owners back up, delete and bring back a workspace; anyone signed in takes everything
they have and may delete their own account. The privacy page is for everyone.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from allies.accounts.http import AuthenticatedHttpRequest
from allies.workspaces.access import (
    forget_workspace,
    get_owner_membership,
    reached,
    record_as,
    switch_workspace,
)
from allies.workspaces.models import AccessRecord, Membership
from allies.workspaces.services import GRACE, deleted_workspaces_owned, removed_on

from . import leaving
from .backup import backup_lines
from .forms import DeleteAccountForm, DeleteWorkspaceForm


def _stamp() -> str:
    return timezone.localdate().isoformat()


@login_required
@require_safe
def workspace_backup(request: AuthenticatedHttpRequest, workspace_id: int) -> StreamingHttpResponse:
    """The workspace's whole backup, as `allies backup --workspace` writes it."""
    membership = get_owner_membership(request, workspace_id)
    record_as(request, AccessRecord.Action.BACKED_UP, "backup")
    response = StreamingHttpResponse(
        backup_lines(workspace=membership.workspace), content_type="application/jsonl"
    )
    # No names in the file name: it ends up in the downloads folder and its history.
    name = f"allies-backup-workspace-{workspace_id}-{_stamp()}.jsonl"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@never_cache
def workspace_delete(request: AuthenticatedHttpRequest, workspace_id: int) -> HttpResponse:
    membership = get_owner_membership(request, workspace_id)
    workspace = membership.workspace
    form = DeleteWorkspaceForm(request.POST or None, workspace=workspace)
    if request.method == "POST" and form.is_valid():
        deleted = leaving.workspace_delete_later(workspace=workspace, by=request.user)
        record_as(request, AccessRecord.Action.DELETED, "workspace")
        forget_workspace(request, workspace_id)
        assert deleted.deleted_at is not None
        messages.success(
            request,
            _(
                "%(name)s is deleted. Until %(date)s, you or another owner can bring it back "
                "from Workspaces; after that it is removed for good."
            )
            % {
                "name": workspace.name,
                "date": date_format(removed_on(deleted.deleted_at), "DATE_FORMAT"),
            },
        )
        return redirect("workspace_list")
    others = Membership.objects.filter(workspace=workspace).exclude(pk=membership.pk).count()
    context = {
        "form": form,
        "workspace": workspace,
        "others": others,
        "grace_days": GRACE.days,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "archive/workspace_delete.html", context, status=status)


@login_required
@require_POST
def workspace_bring_back(request: AuthenticatedHttpRequest, workspace_id: int) -> HttpResponse:
    workspace = deleted_workspaces_owned(request.user).filter(pk=workspace_id).first()
    if workspace is None:
        raise Http404
    leaving.workspace_bring_back(workspace=workspace, by=request.user)
    membership = Membership.objects.get(workspace=workspace, user=request.user)
    reached(request, membership)
    record_as(request, AccessRecord.Action.RESTORED, "workspace")
    switch_workspace(request, workspace)
    messages.success(request, _("%(name)s is back, as it was.") % {"name": workspace.name})
    return redirect("home")


@login_required
@require_safe
@never_cache
def everything(request: AuthenticatedHttpRequest) -> HttpResponse | FileResponse:
    """What the person has here, explained; with ?download, all of it in one zip."""
    memberships = leaving.account_memberships(request.user)
    if "download" not in request.GET:
        context = {"memberships": memberships}
        return render(request, "archive/everything.html", context)
    now = timezone.now()
    # One insert for every workspace taken: the record of access of each says so.
    AccessRecord.objects.bulk_create(
        AccessRecord(
            workspace_id=m.workspace_id,
            user_id=request.user.pk,
            who=request.user.email,
            action=AccessRecord.Action.BACKED_UP if m.is_owner else AccessRecord.Action.EXPORTED,
            what="everything",
            at=now,
        )
        for m in memberships
    )
    return FileResponse(
        leaving.everything_zip(request.user, memberships),
        as_attachment=True,
        filename=f"allies-everything-{_stamp()}.zip",
        content_type="application/zip",
    )


@login_required
@never_cache
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        deleted = leaving.account_leave(user=user)
        assert user.leaving_at is not None
        day = removed_on(user.leaving_at)
        logout(request)
        context = {"deleted": deleted, "removed_on": day}
        return render(request, "archive/account_left.html", context)
    memberships = leaving.account_memberships(user)
    alone = leaving.alone_owned(user, memberships)
    going = [m.workspace for m in memberships if m.workspace_id in alone]
    staying = [m.workspace for m in memberships if m.workspace_id not in alone]
    context = {
        "form": form,
        "going": going,
        "staying": staying,
        "grace_days": GRACE.days,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "archive/account_delete.html", context, status=status)


@login_required
@never_cache
def account_leaving(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where someone whose account is to be deleted lands: keep it, or not."""
    user = request.user
    if user.leaving_at is None:
        return redirect("home")
    if request.method == "POST":
        leaving.account_stay(user=user)
        messages.success(request, _("Your account is kept, with all its workspaces."))
        return redirect("home")
    context = {"removed_on": removed_on(user.leaving_at)}
    return render(request, "archive/account_leaving.html", context)


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "archive/privacy.html", {"grace_days": GRACE.days})
