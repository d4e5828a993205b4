"""Concerns worked as joint problems: raised with the interest behind them, options from
both sides, an agreed plan, the log entries and action items that go with them, and a
history of every step."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import once
from allies.core.paging import page_of
from allies.log.models import Interaction
from allies.workspaces.access import get_owned, require_current_membership
from allies.workspaces.models import Membership

from .. import services
from ..forms import (
    ActionItemForm,
    ConcernFilterForm,
    ConcernForm,
    LinkEntryForm,
    OptionForm,
    StatusForm,
)
from ..history import describe
from ..models import ActionItem, Concern, ConcernEvent, ConcernOption

STATUS_ORDER = Case(
    *(When(status=value, then=Value(n)) for n, value in enumerate(Concern.Status.values)),
    output_field=IntegerField(),
)


def _concerns() -> QuerySet[Concern]:
    return Concern.objects.select_related("student")


@login_required
def concern_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    form = ConcernFilterForm(request.GET or None, workspace=membership.workspace)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    concerns = _concerns().filter(workspace=membership.workspace)
    if filters.get("status"):
        concerns = concerns.filter(status=filters["status"])
    if filters.get("student"):
        concerns = concerns.filter(student=filters["student"])
    concerns = (
        concerns.annotate(
            option_count=Count("options", distinct=True),
            open_actions=Count(
                "action_items",
                filter=Q(action_items__status=ActionItem.Status.OPEN),
                distinct=True,
            ),
        )
        .prefetch_related("invited")
        .order_by(STATUS_ORDER, "-updated_at", "-pk")
    )
    page, query = page_of(request, concerns)
    return render(
        request,
        "meetings/concern_list.html",
        {
            "form": form,
            "page": page,
            "membership": membership,
            "query": query,
            "filtered": any(filters.values()),
        },
    )


@login_required
def concern_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    form = ConcernForm(request.POST or None, workspace=membership.workspace)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data.get("form_token")
        try:
            with once.saving(request, token, workspace_id=membership.workspace_id) as held:
                concern = services.concern_raise(
                    workspace=membership.workspace, author=request.user, **form.service_kwargs()
                )
                held.made(reverse("concern_detail", args=[concern.pk]))
        except once.AlreadySaved as saved:
            messages.info(request, _("This concern was already saved."))
            return redirect(saved.url or "concern_list")
        messages.success(
            request,
            _("Concern saved. Next: invite the team to work on it with you, below."),
        )
        return redirect("concern_detail", concern_id=concern.pk)
    return render(request, "meetings/concern_form.html", {"form": form, "concern": None})


@login_required
def concern_edit(request: AuthenticatedHttpRequest, concern_id: int) -> HttpResponse:
    concern, membership = get_owned(request, _concerns(), concern_id, write=True)
    form = ConcernForm(
        request.POST or None,
        workspace=membership.workspace,
        concern=concern,
        initial=ConcernForm.initial_from(concern),
    )
    if request.method == "POST" and form.is_valid():
        fields = form.service_kwargs()
        services.concern_edit(
            concern=concern,
            author=request.user,
            invited=fields.pop("invited"),
            student=fields.pop("student"),
            **fields,
        )
        messages.success(request, _("Concern saved."))
        return redirect("concern_detail", concern_id=concern.pk)
    return render(request, "meetings/concern_form.html", {"form": form, "concern": concern})


def concern_draft_url(concern: Concern, invited: list[Any]) -> str:
    """The toolkit's "concern as an invitation" draft, to the people invited."""
    query: list[tuple[str, Any]] = [("kind", "concern")]
    query += [("member", m.pk) for m in invited]
    if concern.student_id:
        query.append(("student", concern.student_id))
    return f"{reverse('compose')}?{urlencode(query)}"


def _detail(
    request: AuthenticatedHttpRequest,
    concern: Concern,
    membership: Membership,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    """The concern's page, with any form that was posted and failed shown as it was typed."""
    workspace = membership.workspace
    concern = (
        _concerns()
        .prefetch_related(
            "invited",
            Prefetch("options", queryset=ConcernOption.objects.select_related("member")),
            Prefetch(
                "entries",
                queryset=Interaction.objects.order_by("-occurred_at", "-pk"),
            ),
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner").order_by("status", "due", "pk"),
            ),
            Prefetch("events", queryset=ConcernEvent.objects.select_related("author")),
        )
        .get(pk=concern.pk)
    )
    options = {o.pk: o for o in concern.options.all()}
    actions = {a.pk: a for a in concern.action_items.all()}
    timeline = [
        (event, describe(event, options=options, actions=actions)) for event in concern.events.all()
    ]
    invited = list(concern.invited.all())
    context: dict[str, Any] = {
        "concern": concern,
        "membership": membership,
        "invited": invited,
        "timeline": timeline,
        "today": timezone.localdate(),
        "draft_url": concern_draft_url(concern, invited),
    }
    if membership.can_write:
        context.update(
            option_form=forms.get("option_form") or OptionForm(workspace=workspace),
            status_form=forms.get("status_form")
            or StatusForm(initial={"status": concern.status, "plan": concern.plan}),
            link_form=forms.get("link_form") or LinkEntryForm(concern=concern),
            action_form=forms.get("action_form")
            or ActionItemForm(workspace=workspace, concern=concern),
        )
    return render(request, "meetings/concern_detail.html", context)


@login_required
def concern_detail(request: AuthenticatedHttpRequest, concern_id: int) -> HttpResponse:
    concern, membership = get_owned(request, Concern.objects.all(), concern_id)
    return _detail(request, concern, membership)


@login_required
@require_POST
def concern_option_add(request: AuthenticatedHttpRequest, concern_id: int) -> HttpResponse:
    concern, membership = get_owned(request, Concern.objects.all(), concern_id, write=True)
    form = OptionForm(request.POST, workspace=membership.workspace)
    if not form.is_valid():
        return _detail(request, concern, membership, option_form=form)
    done_url = reverse("concern_detail", args=[concern.pk]) + "#options"
    data = form.cleaned_data
    try:
        with once.saving(
            request, data.get("form_token"), workspace_id=membership.workspace_id
        ) as held:
            services.concern_option_add(
                concern=concern,
                author=request.user,
                text=data["text"],
                suggested_by=data["suggested_by"],
                member=data["member"],
            )
            held.made(done_url)
    except once.AlreadySaved:
        messages.info(request, _("This option was already added."))
    else:
        messages.success(request, _("Option added."))
    return redirect(done_url)


@login_required
@require_POST
def concern_status(request: AuthenticatedHttpRequest, concern_id: int) -> HttpResponse:
    concern, membership = get_owned(request, Concern.objects.all(), concern_id, write=True)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _detail(request, concern, membership, status_form=form)
    before = (concern.status, concern.plan)
    services.concern_set_status(
        concern=concern,
        author=request.user,
        status=form.cleaned_data["status"],
        plan=form.cleaned_data["plan"],
    )
    if (concern.status, concern.plan) == before:
        messages.info(request, _("Nothing changed."))
    else:
        messages.success(request, _("Saved. The history shows the change."))
    return redirect(reverse("concern_detail", args=[concern.pk]) + "#status")


@login_required
@require_POST
def concern_entry_link(request: AuthenticatedHttpRequest, concern_id: int) -> HttpResponse:
    concern, membership = get_owned(request, Concern.objects.all(), concern_id, write=True)
    form = LinkEntryForm(request.POST, concern=concern)
    if not form.is_valid():
        return _detail(request, concern, membership, link_form=form)
    if services.concern_link_entry(
        concern=concern, author=request.user, entry=form.cleaned_data["entry"]
    ):
        messages.success(request, _("Log entry linked."))
    else:
        messages.info(request, _("This entry was already linked."))
    return redirect(reverse("concern_detail", args=[concern.pk]) + "#entries")


@login_required
@require_POST
def concern_entry_unlink(
    request: AuthenticatedHttpRequest, concern_id: int, entry_id: int
) -> HttpResponse:
    concern, _membership = get_owned(request, Concern.objects.all(), concern_id, write=True)
    # Only an entry linked to this concern can be taken off it: anything else is a 404.
    entry, _membership = get_owned(request, concern.entries.all(), entry_id)
    services.concern_unlink_entry(concern=concern, author=request.user, entry=entry)
    messages.success(request, _("The entry was taken off this concern. It stays in the log."))
    return redirect(reverse("concern_detail", args=[concern.pk]) + "#entries")
