from django.urls import path

from . import views

urlpatterns = [
    path("team/new/", views.team_new, name="team_new"),
    path("team/<int:member_id>/edit/", views.team_edit, name="team_edit"),
    path("team/<int:member_id>/remove/", views.team_remove, name="team_remove"),
]
