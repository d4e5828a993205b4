"""A meeting's prep packet, as a printable page and as a PDF."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core.pdf import pdf_response
from allies.workspaces.access import get_owned

from ..models import Meeting
from ..packet import packet_for


def _context(request: AuthenticatedHttpRequest, meeting_id: int) -> dict[str, Any]:
    meeting, _membership = get_owned(request, Meeting.objects.select_related("student"), meeting_id)
    packet = packet_for(meeting)
    return {
        **packet.__dict__,
        "student": meeting.student,
        "language": translation.get_language() or "en",
        "today": timezone.localdate(),
    }


@login_required
def meeting_packet(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    return render(
        request, "meetings/packet.html", {**_context(request, meeting_id), "screen": True}
    )


@login_required
def meeting_packet_pdf(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    html = render_to_string("meetings/packet.html", _context(request, meeting_id))
    return pdf_response(html, f"prep-packet-{meeting_id}.pdf")
