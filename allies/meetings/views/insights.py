"""Insights: expertise shared by home and school, listed, added, edited, and thanked."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import once
from allies.core.paging import page_of
from allies.workspaces.access import get_owned, require_current_membership
from allies.workspaces.models import Workspace

from .. import services
from ..forms import FAMILY, InsightFilterForm, InsightForm
from ..models import Insight

# At most this many words of a search are used (each one must appear).
SEARCH_WORDS = 8


def _insights() -> QuerySet[Insight]:
    return Insight.objects.select_related("student", "shared_by", "acknowledged_entry")


def filtered_insights(workspace: Workspace, filters: dict[str, Any]) -> QuerySet[Insight]:
    """The workspace's insights that match every filter given; each word of `q` must
    appear in what was seen or in what works."""
    insights = _insights().filter(workspace=workspace)
    if filters.get("source"):
        insights = insights.filter(source=filters["source"])
    if filters.get("student"):
        insights = insights.filter(student=filters["student"])
    shared_by = filters.get("shared_by")
    if shared_by == FAMILY:
        insights = insights.filter(shared_by__isnull=True)
    elif shared_by:
        insights = insights.filter(shared_by=shared_by)
    for word in str(filters.get("q") or "").split()[:SEARCH_WORDS]:
        insights = insights.filter(Q(observed__icontains=word) | Q(what_works__icontains=word))
    return insights.order_by("-observed_on", "-pk")


@login_required
def insight_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    form = InsightFilterForm(request.GET or None, workspace=membership.workspace)
    # A filter that does not make sense is shown with its error; the others apply.
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    insights = filtered_insights(membership.workspace, filters)
    page, query = page_of(request, insights)
    return render(
        request,
        "meetings/insight_list.html",
        {
            "form": form,
            "page": page,
            "membership": membership,
            "query": query,
            "filtered": any(filters.values()),
        },
    )


@login_required
def insight_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    form = InsightForm(request.POST or None, workspace=membership.workspace)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data.get("form_token")
        try:
            with once.saving(request, token, workspace_id=membership.workspace_id) as held:
                insight = services.insight_record(
                    workspace=membership.workspace, author=request.user, **form.service_kwargs()
                )
                held.made(reverse("insight_detail", args=[insight.pk]))
        except once.AlreadySaved as saved:
            messages.info(request, _("This insight was already saved."))
            return redirect(saved.url or "insight_list")
        messages.success(request, _("Insight saved."))
        return redirect("insight_detail", insight_id=insight.pk)
    return render(request, "meetings/insight_form.html", {"form": form, "insight": None})


@login_required
def insight_detail(request: AuthenticatedHttpRequest, insight_id: int) -> HttpResponse:
    insight, membership = get_owned(request, _insights(), insight_id)
    return render(
        request,
        "meetings/insight_detail.html",
        {"insight": insight, "membership": membership},
    )


@login_required
def insight_edit(request: AuthenticatedHttpRequest, insight_id: int) -> HttpResponse:
    insight, membership = get_owned(request, _insights(), insight_id, write=True)
    form = InsightForm(
        request.POST or None,
        workspace=membership.workspace,
        insight=insight,
        initial=InsightForm.initial_from(insight),
    )
    if request.method == "POST" and form.is_valid():
        services.insight_edit(insight=insight, **form.service_kwargs())
        messages.success(request, _("Insight saved."))
        return redirect("insight_detail", insight_id=insight.pk)
    return render(request, "meetings/insight_form.html", {"form": form, "insight": insight})


def thank_you_url(insight: Insight) -> str:
    """The toolkit's thank-you draft, addressed to the team member who shared it."""
    query: dict[str, Any] = {
        "kind": "appreciation",
        "member": insight.shared_by_id,
        # Compose marks the insight with the logged thank-you.
        "thanks": insight.pk,
    }
    if insight.student_id:
        query["student"] = insight.student_id
    return f"{reverse('compose')}?{urlencode(query)}"


@login_required
@require_POST
def insight_thank(request: AuthenticatedHttpRequest, insight_id: int) -> HttpResponse:
    """Mark a team member's insight thanked, then open the thank-you draft to them."""
    insight, _membership = get_owned(request, _insights(), insight_id, write=True)
    if insight.shared_by_id is None:
        messages.info(request, _("This insight came from the family: there is nobody to thank."))
        return redirect("insight_detail", insight_id=insight.pk)
    services.insight_acknowledge(insight=insight)
    if request.POST.get("compose") == "no":
        messages.success(request, _("Marked as thanked."))
        return redirect("insight_detail", insight_id=insight.pk)
    messages.success(
        request, _("Marked as thanked. Here is a thank-you to send and log, if you like.")
    )
    return redirect(thank_you_url(insight))
