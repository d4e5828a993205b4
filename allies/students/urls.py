from django.urls import path

from . import views

urlpatterns = [
    path("students/", views.student_list, name="student_list"),
    path("students/new/", views.student_new, name="student_new"),
    path("students/<int:student_id>/", views.student_edit, name="student_edit"),
    path("team/", views.team_list, name="team_list"),
    path("team/new/", views.team_new, name="team_new"),
    path("team/<int:member_id>/", views.team_detail, name="team_detail"),
    path("team/<int:member_id>/edit/", views.team_edit, name="team_edit"),
    path("team/<int:member_id>/remove/", views.team_remove, name="team_remove"),
]
