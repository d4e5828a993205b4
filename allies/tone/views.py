from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.workspaces.access import require_current_membership

from .coach import MAX_INPUT, analyse, cues_in, highlighted

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@login_required
@require_POST
def tone_check(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The tone coach's panel for a piece of text (htmx): advice only, never a block.

    A draft comes as `body` and also gets its [cues] still to fill in; a log summary
    comes as `summary`."""
    require_current_membership(request)
    text = (request.POST.get("body") or request.POST.get("summary") or "")[:MAX_INPUT]
    language = request.POST.get("language", "")
    if language not in LANGUAGES:
        language = translation.get_language() or "en"
    report = analyse(text, language)
    context = {"tone": report, "segments": highlighted(report, text)}
    if "body" in request.POST:
        context["cues"] = cues_in(text)
    return render(request, "tone/_panel.html", context)
