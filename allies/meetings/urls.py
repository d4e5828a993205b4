"""Insights, concerns, meetings and action items. Each area's paths in its own block."""

from django.urls import URLPattern, path

from .views import packet

urlpatterns: list[URLPattern] = [
    path("meetings/<int:meeting_id>/packet/", packet.meeting_packet, name="meeting_packet"),
    path(
        "meetings/<int:meeting_id>/packet.pdf", packet.meeting_packet_pdf, name="meeting_packet_pdf"
    ),
]

# -- insights (views/insights.py)

# -- concerns (views/concerns.py)

# -- meetings (views/meetings.py)

# -- action items (views/actions.py)
