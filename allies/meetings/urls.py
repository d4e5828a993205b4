"""Insights, concerns, meetings and action items. Each area's paths in its own block."""

from django.urls import URLPattern, path

from .views import actions, concerns, hub, insights, packet

urlpatterns: list[URLPattern] = [
    path("working-together/", hub.working_together, name="working_together"),
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

# -- meetings (views/meetings.py)

# -- action items (views/actions.py)
urlpatterns += [
    path("actions/", actions.action_list, name="action_list"),
    path("actions/new/", actions.action_new, name="action_new"),
    path("actions/<int:item_id>/done/", actions.action_done, name="action_done"),
    path("actions/<int:item_id>/drop/", actions.action_drop, name="action_drop"),
    path("actions/<int:item_id>/reopen/", actions.action_reopen, name="action_reopen"),
]
