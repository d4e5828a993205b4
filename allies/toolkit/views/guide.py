from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from allies.accounts.http import AuthenticatedHttpRequest
from allies.workspaces.access import current_membership

from ..guide import PAGES
from .common import LANGUAGES
from .common import page_language as _language


@login_required
def guide_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Like home and the rest of the toolkit, the guide is read from a workspace: without
    # one, the way on is to create one (or be added to one).
    if current_membership(request) is None:
        return redirect("workspace_list")
    language = _language(request)
    pages = [
        {"slug": p.slug, "title": p.title(language), "summary": p.summary(language)} for p in PAGES
    ]
    return render(request, "toolkit/guide_index.html", {"pages": pages})


@login_required
def guide_page(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    page = next((p for p in PAGES if p.slug == slug), None)
    if page is None:
        raise Http404
    membership = current_membership(request)
    if membership is None:
        return redirect("workspace_list")
    language = _language(request)
    return render(
        request,
        "toolkit/guide_page.html",
        {
            "page": page,
            "title": page.title(language),
            "template_name": page.template_name(language if language in LANGUAGES else "en"),
            "action_label": page.action_label(language) if page.action_label else "",
            "membership": membership,
        },
    )
