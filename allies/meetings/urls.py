"""Insights, concerns, meetings and action items. Each area's paths in its own block."""

from django.urls import URLPattern, path

from .views import meeting_parts, meetings, packet

urlpatterns: list[URLPattern] = [
    path("meetings/<int:meeting_id>/packet/", packet.meeting_packet, name="meeting_packet"),
    path(
        "meetings/<int:meeting_id>/packet.pdf", packet.meeting_packet_pdf, name="meeting_packet_pdf"
    ),
]

# -- insights (views/insights.py)

# -- concerns (views/concerns.py)

# -- meetings (views/meetings.py, and views/meeting_parts.py for the page's own forms)

M = "meetings/<int:meeting_id>/"
urlpatterns += [
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path(M, meetings.meeting_detail, name="meeting_detail"),
    path(M + "edit/", meetings.meeting_edit, name="meeting_edit"),
    path(M + "meeting.ics", meetings.meeting_ics_download, name="meeting_ics"),
    path(M + "steps/new/", meeting_parts.meeting_step_add, name="meeting_step_add"),
    path(
        M + "steps/<int:step_id>/tick/", meeting_parts.meeting_step_tick, name="meeting_step_tick"
    ),
    path(
        M + "steps/<int:step_id>/edit/", meeting_parts.meeting_step_edit, name="meeting_step_edit"
    ),
    path(
        M + "steps/<int:step_id>/remove/",
        meeting_parts.meeting_step_remove,
        name="meeting_step_remove",
    ),
    path(M + "agenda/new/", meeting_parts.meeting_agenda_add, name="meeting_agenda_add"),
    path(M + "agenda/order/", meeting_parts.meeting_agenda_reorder, name="meeting_agenda_reorder"),
    path(
        M + "agenda/<int:point_id>/move/",
        meeting_parts.meeting_agenda_move,
        name="meeting_agenda_move",
    ),
    path(
        M + "agenda/<int:point_id>/remove/",
        meeting_parts.meeting_agenda_remove,
        name="meeting_agenda_remove",
    ),
    path(M + "notes/", meeting_parts.meeting_notes_save, name="meeting_notes_save"),
    path(M + "decisions/new/", meeting_parts.meeting_decision_add, name="meeting_decision_add"),
    path(M + "actions/new/", meeting_parts.meeting_action_add, name="meeting_action_add"),
]

# -- action items (views/actions.py)
