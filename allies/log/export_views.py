"""Taking the log out: the export page, and the PDF, CSV or JSON it downloads.

Anyone in the workspace may export what they can read (viewers too). The download is
the same page asked with a format: a GET with dates and ids only, no names or words."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core.pdf import pdf_response
from allies.workspaces.access import record_as, require_current_membership
from allies.workspaces.models import Membership

from . import chain, export_check, exports
from .forms import ExportForm, VerifyExportForm


def _head(membership: Membership) -> dict[str, object]:
    """The chain's head as the workspace stores it: the export's fingerprint."""
    workspace = membership.workspace
    return {"seq": workspace.log_seq, "hash": workspace.log_head}


def _what(kind: str, chosen: exports.Chosen) -> str:
    """The export as the record of access keeps it: its form, dates and ids, no names."""
    parts = [f"log {kind}", f"{chosen.start or '…'} – {chosen.end or '…'}"]
    if chosen.student:
        parts.append(f"student {chosen.student.pk}")
    if chosen.member:
        parts.append(f"member {chosen.member.pk}")
    return ", ".join(parts)


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
    kind = data["format"]
    if kind == "pdf":
        # WeasyPrint lays the whole document out in memory: 10,000 entries took 1.5 GB
        # and minutes (docs/benchmarks.md). Beyond a book's length, the streamed formats.
        count = exports.exported(workspace, chosen).count()
        if count > exports.PDF_MAX_ENTRIES:
            form.add_error(
                None,
                _(
                    "That would be a PDF of %(count)s entries; a PDF holds at most %(most)s. "
                    "Choose a shorter range, one child or one person, or download CSV or "
                    "JSON, which hold any number."
                )
                % {"count": f"{count:,}", "most": f"{exports.PDF_MAX_ENTRIES:,}"},
            )
            context = {"form": form, "membership": membership}
            return render(request, "log/export.html", context, status=400)
    head = _head(membership)
    fingerprint = chain.fingerprint(membership.workspace)
    stamp = timezone.localdate().isoformat()
    record_as(request, "exported", _what(kind, chosen))
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


VERIFY_MAX_BYTES = export_check.MAX_BYTES


@csrf_exempt  # checked below, once the size is known: CSRF's check would read the body
@login_required
def export_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Check an uploaded export against its own seals; nothing is stored."""
    membership = require_current_membership(request)
    if request.method == "POST":
        size = request.META.get("CONTENT_LENGTH", "")
        if not size.isdigit() or int(size) > VERIFY_MAX_BYTES:
            too_large = _("That file is too large to be an export (the limit is %(mb)s MB).") % {
                "mb": VERIFY_MAX_BYTES // (1024 * 1024)
            }
            return _verify_page(request, membership, VerifyExportForm(), None, 413, too_large)
    return _export_verify(request, membership)


@csrf_protect
def _export_verify(request: AuthenticatedHttpRequest, membership: Membership) -> HttpResponse:
    if request.method != "POST":
        return _verify_page(request, membership, VerifyExportForm(), None, 200)
    form = VerifyExportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _verify_page(request, membership, form, None, 400)
    upload = form.cleaned_data["file"]
    try:
        outcome = export_check.check_export(upload.read())
    except export_check.NotAnExport as refused:
        form.add_error("file", str(refused))
        return _verify_page(request, membership, form, None, 400)
    found = "holds together" if outcome.ok else "was changed"
    record_as(request, "verified", f"{outcome.kind} export: {found}")
    return _verify_page(request, membership, VerifyExportForm(), outcome, 200)


def _verify_page(
    request: AuthenticatedHttpRequest,
    membership: Membership,
    form: VerifyExportForm,
    outcome: export_check.Outcome | None,
    status: int,
    refused: str = "",
) -> HttpResponse:
    context = {"form": form, "outcome": outcome, "membership": membership, "refused": refused}
    return render(request, "log/export_verify.html", context, status=status)
