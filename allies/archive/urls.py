from django.urls import path

from . import views

urlpatterns = [
    path("workspaces/<int:workspace_id>/backup/", views.workspace_backup, name="workspace_backup"),
    path("workspaces/<int:workspace_id>/delete/", views.workspace_delete, name="workspace_delete"),
    path(
        "workspaces/<int:workspace_id>/bring-back/",
        views.workspace_bring_back,
        name="workspace_bring_back",
    ),
    path("accounts/everything/", views.everything, name="everything"),
    path("accounts/delete/", views.account_delete, name="account_delete"),
    path("accounts/leaving/", views.account_leaving, name="account_leaving"),
    path("privacy/", views.privacy, name="privacy"),
]
