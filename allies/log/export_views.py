"""Taking the log out: the export page, and the PDF, CSV or JSON it downloads.

Anyone in the workspace may export what they can read (viewers too). The download is
the same page asked with a format: a GET with dates and ids only, no names or words."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core.pdf import pdf_response
from allies.workspaces.access import require_current_membership
from allies.workspaces.models import Membership

from . import exports
from .forms import ExportForm
from .models import InteractionRevision


def _head(membership: Membership) -> dict[str, object]:
    """The chain's last revision: its seq and hash (the export's fingerprint)."""
    last = (
        InteractionRevision.objects.filter(workspace=membership.workspace_id)
        .order_by("-seq")
        .values("seq", "hash")
        .first()
    )
    return {"seq": last["seq"], "hash": last["hash"]} if last else {"seq": 0, "hash": ""}


def _fingerprint(head: dict[str, object]) -> str:
    return str(translation.gettext("Allies record %(seq)s · %(hash)s")) % {
        "seq": head["seq"],
        "hash": str(head["hash"])[:12] or "—",
    }


@login_required
def log_export(request: AuthenticatedHttpRequest) -> HttpResponse | StreamingHttpResponse:
    membership = require_current_membership(request)
    workspace = membership.workspace
    asked = "format" in request.GET
    form = ExportForm(request.GET if asked else None, workspace=workspace)
    if not asked or not form.is_valid():
        context = {"form": form, "membership": membership}
        return render(request, "log/export.html", context, status=400 if asked else 200)
    data = form.cleaned_data
    chosen = exports.Chosen(
        start=data["start"], end=data["end"], student=data["student"], member=data["member"]
    )
    head = _head(membership)
    fingerprint = _fingerprint(head)
    stamp = timezone.localdate().isoformat()
    kind = data["format"]
    response: StreamingHttpResponse
    if kind == "csv":
        response = StreamingHttpResponse(
            exports.csv_stream(workspace, chosen, fingerprint),
            content_type="text/csv; charset=utf-8",
        )
    elif kind == "json":
        response = StreamingHttpResponse(
            exports.json_stream(workspace, chosen, head, fingerprint),
            content_type="application/json; charset=utf-8",
        )
    else:
        html = render_to_string(
            "log/export_pdf.html",
            {
                "workspace": workspace,
                "entries": exports.pdf_entries(workspace, chosen),
                "chosen": chosen,
                "range": exports.range_text(chosen),
                "fingerprint": fingerprint,
                "head": head,
                "language": translation.get_language(),
                "exported_at": timezone.now(),
            },
            request=request,
        )
        return pdf_response(html, f"allies-log-{stamp}.pdf")
    # No names in the file name: it ends up in the downloads folder and its history.
    response["Content-Disposition"] = f'attachment; filename="allies-log-{stamp}.{kind}"'
    return response
