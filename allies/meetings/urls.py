"""Insights, concerns, meetings and action items. Each area's paths in its own block."""

from django.urls import URLPattern, path

from .views import (
    actions,
    concerns,
    dates,
    follow_up,
    hub,
    insights,
    meeting_parts,
    meetings,
    packet,
)

urlpatterns: list[URLPattern] = [
    path("working-together/", hub.working_together, name="working_together"),
    path("students/<int:student_id>/dates/", dates.student_dates, name="student_dates"),
    path("meetings/<int:meeting_id>/packet/", packet.meeting_packet, name="meeting_packet"),
    path(
        "meetings/<int:meeting_id>/packet.pdf", packet.meeting_packet_pdf, name="meeting_packet_pdf"
    ),
]

# -- insights (views/insights.py)
urlpatterns += [
    path("insights/", insights.insight_list, name="insight_list"),
    path("insights/new/", insights.insight_new, name="insight_new"),
    path("insights/<int:insight_id>/", insights.insight_detail, name="insight_detail"),
    path("insights/<int:insight_id>/edit/", insights.insight_edit, name="insight_edit"),
    path("insights/<int:insight_id>/thank/", insights.insight_thank, name="insight_thank"),
]

# -- concerns (views/concerns.py)
urlpatterns += [
    path("concerns/", concerns.concern_list, name="concern_list"),
    path("concerns/new/", concerns.concern_new, name="concern_new"),
    path("concerns/<int:concern_id>/", concerns.concern_detail, name="concern_detail"),
    path("concerns/<int:concern_id>/edit/", concerns.concern_edit, name="concern_edit"),
    path(
        "concerns/<int:concern_id>/options/", concerns.concern_option_add, name="concern_option_add"
    ),
    path("concerns/<int:concern_id>/status/", concerns.concern_status, name="concern_status"),
    path(
        "concerns/<int:concern_id>/entries/", concerns.concern_entry_link, name="concern_entry_link"
    ),
    path(
        "concerns/<int:concern_id>/entries/<int:entry_id>/unlink/",
        concerns.concern_entry_unlink,
        name="concern_entry_unlink",
    ),
]

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
    path(M + "follow-up/", follow_up.meeting_follow_up, name="meeting_follow_up"),
    path(M + "replies/new/", follow_up.meeting_reply_record, name="meeting_reply_record"),
    # An attendee's personal link: no account, and nothing else in Allies from it.
    path(
        "confirm/<int:meeting_id>/<str:token>/", follow_up.meeting_confirm, name="meeting_confirm"
    ),
]

# -- action items (views/actions.py)
urlpatterns += [
    path("actions/", actions.action_list, name="action_list"),
    path("actions/new/", actions.action_new, name="action_new"),
    path("actions/<int:item_id>/done/", actions.action_done, name="action_done"),
    path("actions/<int:item_id>/drop/", actions.action_drop, name="action_drop"),
    path("actions/<int:item_id>/reopen/", actions.action_reopen, name="action_reopen"),
]
