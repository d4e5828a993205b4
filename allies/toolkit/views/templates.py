from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from allies.accounts.http import AuthenticatedHttpRequest
from allies.workspaces.access import require_current_membership

from .. import services
from ..defaults import ESSENTIAL, KINDS, default_template
from ..drafts import placeholders_in
from ..forms import TemplateForm
from ..models import MessageTemplate
from .common import KIND_BY_KEY, LANGUAGES
from .common import page_language as _language


@login_required
def template_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    own = set(
        MessageTemplate.objects.filter(workspace=membership.workspace).values_list(
            "kind", "language"
        )
    )
    rows = [
        {
            "kind": kind,
            "label": kind.label(_language(request)),
            "languages": [
                {"code": code, "name": name, "own": (kind.key, code) in own}
                for code, name in settings.LANGUAGES
            ],
        }
        for kind in KINDS
    ]
    return render(request, "toolkit/template_list.html", {"rows": rows, "membership": membership})


def _leaves_out(kind: str, form: TemplateForm) -> list[str]:
    """The kind's essential words that the wording on the page does not use."""
    text = f"{form['subject'].value() or ''}\n{form['body'].value() or ''}"
    used = placeholders_in(text)
    return [name for name in ESSENTIAL.get(kind, ()) if name not in used]


def _kind_and_language(kind: str, language: str) -> Any:
    if kind not in KIND_BY_KEY or language not in LANGUAGES:
        raise Http404
    return KIND_BY_KEY[kind]


@login_required
def template_edit(request: AuthenticatedHttpRequest, kind: str, language: str) -> HttpResponse:
    write = request.method == "POST"
    membership = require_current_membership(request, write=True)
    kind_info = _kind_and_language(kind, language)
    workspace = membership.workspace
    own = MessageTemplate.objects.filter(workspace=workspace, kind=kind, language=language).first()
    if own is None:
        shipped = default_template(kind, language)
        own = MessageTemplate(workspace=workspace, kind=kind, language=language, **shipped)
    form = TemplateForm(request.POST or None, instance=own, kind=kind)
    if write and form.is_valid():
        if services.template_save(template=form.save(commit=False), author=request.user):
            messages.success(request, _("Saved. New drafts use your wording."))
            if _leaves_out(kind, form):  # back to the page that says what drafts will miss
                return redirect("template_edit", kind, language)
            return redirect("template_list")
        # Someone saved this template a moment ago: keep theirs, show ours again.
        form.add_error(None, _("Someone else saved this template just now. Reload it."))
    leaves_out = _leaves_out(kind, form)
    return render(
        request,
        "toolkit/template_form.html",
        {
            "form": form,
            "kind": kind_info,
            "label": kind_info.label(_language(request)),
            "language": language,
            "placeholders": sorted(form.placeholders),
            "leaves_out": leaves_out,
            "leaves_out_names": ", ".join("{" + name + "}" for name in leaves_out),
            "customised": own.pk is not None,
            "membership": membership,
        },
        status=400 if form.errors else 200,
    )


@login_required
def template_reset(request: AuthenticatedHttpRequest, kind: str, language: str) -> HttpResponse:
    """Back to the shipped wording; GET asks first, since the workspace's own is lost."""
    membership = require_current_membership(request, write=True)
    kind_info = _kind_and_language(kind, language)
    if request.method != "POST":
        own = MessageTemplate.objects.filter(
            workspace=membership.workspace, kind=kind, language=language
        ).first()
        if own is None:
            messages.info(request, _("This template already uses the default wording."))
            return redirect("template_list")
        return render(
            request,
            "toolkit/template_reset.html",
            {
                "own": own,
                "kind": kind_info,
                "label": kind_info.label(_language(request)),
                "language": language,
            },
        )
    services.template_reset(workspace=membership.workspace, kind=kind, language=language)
    messages.success(request, _("Back to the default wording."))
    return redirect("template_list")
