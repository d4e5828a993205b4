from django.urls import path

from . import members, views

urlpatterns = [
    path("relationships/", views.relationships, name="relationships"),
    path("focus/<int:focus_id>/accept/", views.focus_accept, name="focus_accept"),
    path("focus/<int:focus_id>/another/", views.focus_another, name="focus_another"),
    path("focus/<int:focus_id>/done/", views.focus_done, name="focus_done"),
    path("team/", members.team_list, name="team_list"),
    path("team/<int:member_id>/", members.team_detail, name="team_detail"),
]
