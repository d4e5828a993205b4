"""The team's roster and a member's page: each person with their figures from the log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render

from allies.accounts.http import AuthenticatedHttpRequest
from allies.log.models import participants_in_order
from allies.log.queries import with_last_contact
from allies.meetings.models import OPEN_CONCERN, ActionItem, Concern
from allies.team.models import TeamMember
from allies.workspaces.access import get_owned, require_current_membership

from .charts import contacts_chart, tone_chart
from .health import member_series, open_follow_ups, team_health


@login_required
def team_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    show_inactive = request.GET.get("inactive") == "1"
    members = TeamMember.objects.filter(workspace=membership.workspace)
    if not show_inactive:
        members = members.active()
    return render(
        request,
        "relationships/team_list.html",
        {
            "members": with_last_contact(members),
            "membership": membership,
            "show_inactive": show_inactive,
        },
    )


@login_required
def team_detail(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member, membership = get_owned(request, TeamMember.objects.all(), member_id)
    health = team_health(membership.workspace, member=member)
    today = health.today
    series = member_series(member, today)
    context = {
        "member": member,
        "membership": membership,
        "h": health.members[0],
        "entries": member.interactions.current().prefetch_related(participants_in_order())[:10],
        "has_entries": member.interactions.exists(),
        "follow_ups": open_follow_ups(membership.workspace)
        .filter(participants=member)
        .order_by("follow_up_due", "pk")[:5],
        # What they took on at meetings and for concerns, and how it went.
        "follow_through": ActionItem.objects.filter(owner=member).follow_through(today),
        "actions": list(ActionItem.objects.filter(owner=member).open()[:5]),
        # The concerns they are invited to solve with the family, by where each stands.
        "concerns": list(
            member.concerns_invited.filter(OPEN_CONCERN).order_by("-updated_at", "-pk")[:5]
        ),
        "concern_counts": member.concerns_invited.aggregate(
            open=Count("pk", filter=OPEN_CONCERN),
            agreed=Count("pk", filter=Q(status=Concern.Status.PLAN_AGREED)),
            resolved=Count("pk", filter=Q(status=Concern.Status.RESOLVED)),
        ),
        "charts": [
            contacts_chart(f"m{member.pk}-contacts", series),
            tone_chart(f"m{member.pk}-tone", series),
        ],
    }
    return render(request, "relationships/member.html", context)
