from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core.dates import month_start
from allies.students.models import Student
from allies.workspaces.access import require_current_membership

from .. import drafts
from ..defaults import KINDS
from ..guide import PAGES
from .common import page_language as _language
from .printables import printables_offered


@login_required
def toolkit(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    language = _language(request)
    offer = drafts.update_month_offer(timezone.localdate())
    return render(
        request,
        "toolkit/index.html",
        {
            "membership": membership,
            "kinds": [(k.key, k.label(language)) for k in KINDS],
            "pages": [(p.slug, p.title(language), p.summary(language)) for p in PAGES],
            "month": (offer or month_start(timezone.localdate())).strftime("%Y-%m"),
            "students": list(Student.objects.filter(workspace=membership.workspace)),
            "printables": printables_offered(),
        },
    )


@login_required
def monthly_update(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The monthly update: the compose page with the month's draft built from the log."""
    require_current_membership(request, write=True)
    month = drafts.month_from(request.GET.get("month"), timezone.localdate())
    params = request.GET.copy()
    params["kind"] = "monthly_update"
    params["month"] = month.strftime("%Y-%m")
    return redirect(f"{reverse('compose')}?{params.urlencode()}")
