"""Working together: one page that leads to the meetings, concerns, insights and action
items, each with the figure that says whether it needs a look."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from allies.accounts.http import AuthenticatedHttpRequest
from allies.workspaces.access import require_current_membership

from ..models import OPEN_CONCERN, ActionItem, Concern, Insight


@login_required
def working_together(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    workspace = membership.workspace
    today = timezone.localdate()
    concerns = Concern.objects.filter(workspace=workspace).aggregate(
        open=Count("pk", filter=OPEN_CONCERN), all=Count("pk")
    )
    insights = Insight.objects.filter(workspace=workspace).aggregate(
        all=Count("pk"),
        unthanked=Count("pk", filter=Q(shared_by__isnull=False, acknowledged_at__isnull=True)),
    )
    actions = ActionItem.objects.filter(workspace=workspace).aggregate(
        open=Count("pk", filter=Q(status=ActionItem.Status.OPEN)),
        overdue=Count("pk", filter=Q(status=ActionItem.Status.OPEN, due__lt=today)),
    )
    return render(
        request,
        "meetings/hub.html",
        {
            "membership": membership,
            "concerns": concerns,
            "insights": insights,
            "actions": actions,
        },
    )
