from django.urls import path

from . import export_views, views

urlpatterns = [
    path("", views.log_list, name="log_list"),
    path("new/", views.entry_new, name="entry_new"),
    path("export/", export_views.log_export, name="log_export"),
    path("export/verify/", export_views.export_verify, name="export_verify"),
    path("<int:entry_id>/", views.entry_detail, name="entry_detail"),
    path("<int:entry_id>/edit/", views.entry_edit, name="entry_edit"),
    path("<int:entry_id>/withdraw/", views.entry_withdraw, name="entry_withdraw"),
    path("record/<int:workspace_id>/", views.record_check, name="record_check"),
    path("record/<int:workspace_id>/line/", views.record_line_setting, name="record_line_setting"),
    path("<int:entry_id>/follow-up-done/", views.follow_up_done, name="follow_up_done"),
]
