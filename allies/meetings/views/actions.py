"""Action items: who does what by when. Listed open, overdue or done; added, done,
dropped with a reason, opened again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import once
from allies.core.paging import page_of
from allies.core.params import ids_from
from allies.core.redirects import redirect_next
from allies.workspaces.access import get_owned, require_current_membership
from allies.workspaces.models import Workspace

from .. import services
from ..forms import ALL, FAMILY, OPEN, OVERDUE, ActionFilterForm, ActionItemForm, DropForm
from ..models import ActionItem, ActionItemQuerySet, Concern


def _items() -> ActionItemQuerySet:
    return ActionItem.objects.select_related("owner", "student", "concern", "meeting")


def filtered_actions(workspace: Workspace, filters: dict[str, Any]) -> ActionItemQuerySet:
    items = _items().filter(workspace=workspace)
    status = filters.get("status") or OPEN
    if status == OVERDUE:
        items = items.overdue(timezone.localdate())
    elif status != ALL:
        items = items.filter(status=status)
    owner = filters.get("owner")
    if owner == FAMILY:
        items = items.filter(owner_is_family=True)
    elif owner:
        items = items.filter(owner=owner)
    if filters.get("student"):
        items = items.filter(student=filters["student"])
    return items


@login_required
def action_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    form = ActionFilterForm(request.GET or None, workspace=membership.workspace)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    items = filtered_actions(membership.workspace, filters)
    page, query = page_of(request, items)
    today = timezone.localdate()
    return render(
        request,
        "meetings/action_list.html",
        {
            "form": form,
            "page": page,
            "membership": membership,
            "query": query,
            "today": today,
            "overdue": ActionItem.objects.filter(workspace=membership.workspace)
            .overdue(today)
            .count(),
            "here": request.get_full_path(),
        },
    )


def _concern_from(request: AuthenticatedHttpRequest) -> Concern | None:
    """The concern an item is added from (`?concern=`), if it is one the user may write in."""
    wanted = ids_from(request.GET.getlist("concern"))
    if not wanted:
        return None
    concern, _membership = get_owned(request, Concern.objects.all(), wanted[0], write=True)
    return concern


@login_required
def action_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    concern = _concern_from(request)
    if concern is not None and concern.workspace_id != membership.workspace.pk:
        # A concern of another of the user's workspaces: its items belong there.
        return redirect("concern_detail", concern_id=concern.pk)
    form = ActionItemForm(request.POST or None, workspace=membership.workspace, concern=concern)
    if not form.is_bound:
        # Prefilled from the link that opened it; a choice not on offer simply shows none.
        for name in ("meeting", "student"):
            wanted = ids_from(request.GET.getlist(name))
            if wanted and name in form.fields:
                form.initial[name] = wanted[0]
    if request.method == "POST" and form.is_valid():
        done_url = (
            reverse("concern_detail", args=[concern.pk]) + "#actions"
            if concern
            else reverse("action_list")
        )
        kwargs = form.service_kwargs()
        if concern is not None:
            kwargs["concern"] = concern
        token = form.cleaned_data.get("form_token")
        try:
            with once.saving(request, token, workspace_id=membership.workspace_id) as held:
                services.action_item_add(
                    workspace=membership.workspace, author=request.user, **kwargs
                )
                held.made(done_url)
        except once.AlreadySaved:
            messages.info(request, _("This action item was already saved."))
            return redirect(done_url)
        messages.success(request, _("Action item added."))
        return redirect(done_url)
    return render(request, "meetings/action_form.html", {"form": form, "concern": concern})


def _owned_item(request: AuthenticatedHttpRequest, item_id: int) -> ActionItem:
    item, _membership = get_owned(request, ActionItem.objects.all(), item_id, write=True)
    return item


@login_required
@require_POST
def action_done(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = _owned_item(request, item_id)
    if item.status == ActionItem.Status.DONE:
        messages.info(request, _("This action item is already done."))
    else:
        services.action_item_set_status(item=item, status=ActionItem.Status.DONE)
        messages.success(request, _("Marked done."))
    return redirect_next(request, "action_list")


@login_required
@require_POST
def action_reopen(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = _owned_item(request, item_id)
    if item.status == ActionItem.Status.OPEN:
        messages.info(request, _("This action item is already open."))
    else:
        services.action_item_set_status(item=item, status=ActionItem.Status.OPEN)
        messages.success(request, _("Open again."))
    return redirect_next(request, "action_list")


@login_required
def action_drop(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = _owned_item(request, item_id)
    if item.status == ActionItem.Status.DROPPED:
        messages.info(request, _("This action item is already dropped."))
        return redirect("action_list")
    form = DropForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.action_item_set_status(
            item=item, status=ActionItem.Status.DROPPED, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Dropped. The reason is kept with it."))
        return redirect("action_list")
    return render(request, "meetings/action_drop.html", {"form": form, "item": item})
