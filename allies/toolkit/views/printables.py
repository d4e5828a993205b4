"""Blank resources for families who prefer paper: PDFs in each language we ship."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core.choices import Channel
from allies.core.pdf import pdf_response
from allies.log.models import Purpose
from allies.meetings.checklist import STEPS
from allies.meetings.models import Phase
from allies.questions import bank
from allies.workspaces.access import require_current_membership

from .common import LANGUAGES

LOG_ROWS = 12
NOTE_LINES = 8


def _log(language: str) -> dict[str, Any]:
    return {
        "rows": range(LOG_ROWS),
        "channels": [str(label) for _value, label in Channel.choices],
        "purposes": [str(p.label) for p in Purpose],
    }


def _checklist(language: str) -> dict[str, Any]:
    return {
        "phases": [
            (str(label), [step.text(language) for step in STEPS if step.phase == phase])
            for phase, label in Phase.choices
        ],
        "lines": range(NOTE_LINES),
    }


def _questions(language: str, category: str = "") -> dict[str, Any]:
    """The question bank by category, in `language`; one category if `category` names one."""
    chosen = [c for c in bank.CATEGORIES if c.key == category] or list(bank.CATEGORIES)
    return {
        "categories": [
            (c.label(language), [q.text(language) for q in bank.in_category(c.key)]) for c in chosen
        ],
        "one": len(chosen) == 1,
    }


# name: (what the template needs, the file's name without language and extension)
RESOURCES: dict[str, tuple[Callable[..., dict[str, Any]], str]] = {
    "log": (_log, "communication-log"),
    "checklist": (_checklist, "meeting-checklist"),
    "questions": (_questions, "question-list"),
}


@login_required
def printable(request: AuthenticatedHttpRequest, name: str, language: str) -> HttpResponse:
    """One blank resource as a PDF, in `language` whatever the page's language is."""
    require_current_membership(request)
    if name not in RESOURCES or language not in LANGUAGES:
        raise Http404
    context_for, filename = RESOURCES[name]
    extra: dict[str, str] = {}
    if name == "questions":
        # One category of the bank (?category=), or all of them: an unknown one is all.
        category = request.GET.get("category", "")
        if category in bank.CATEGORIES_BY_KEY:
            extra["category"] = category
            filename = f"{filename}-{category.replace('_', '-')}"
    with translation.override(language):
        html = render_to_string(
            f"toolkit/print/{name}.html", {"language": language, **context_for(language, **extra)}
        )
    return pdf_response(html, f"{filename}-{language}.pdf")


def printables_offered() -> list[tuple[str, str]]:
    """(name, label) of each resource, for the toolkit page."""
    return [
        ("log", _("Communication log")),
        ("checklist", _("Collaborative meeting checklist")),
        ("questions", _("Questions that open a conversation")),
    ]
