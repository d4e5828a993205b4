from django.urls import path

from . import views

urlpatterns = [
    path("", views.workspace_list, name="workspace_list"),
    path(
        "invitations/<int:invitation_id>/accept/",
        views.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "invitations/<int:invitation_id>/decline/",
        views.invitation_decline,
        name="invitation_decline",
    ),
    path("<int:workspace_id>/", views.workspace_detail, name="workspace_detail"),
    path("<int:workspace_id>/rename/", views.workspace_rename, name="workspace_rename"),
    path("<int:workspace_id>/access/", views.access_record, name="access_record"),
    path("<int:workspace_id>/leave/", views.workspace_leave, name="workspace_leave"),
    path("<int:workspace_id>/open/", views.workspace_open, name="workspace_open"),
    path("<int:workspace_id>/switch/", views.workspace_switch, name="workspace_switch"),
    path(
        "<int:workspace_id>/members/<int:membership_id>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "<int:workspace_id>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
