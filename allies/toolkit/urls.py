from django.urls import path

from . import views

urlpatterns = [
    path("toolkit/", views.toolkit, name="toolkit"),
    path("toolkit/compose/", views.compose, name="compose"),
    path("toolkit/monthly/", views.monthly_update, name="monthly_update"),
    path("toolkit/templates/", views.template_list, name="template_list"),
    path(
        "toolkit/templates/<slug:kind>/<slug:language>/",
        views.template_edit,
        name="template_edit",
    ),
    path(
        "toolkit/templates/<slug:kind>/<slug:language>/reset/",
        views.template_reset,
        name="template_reset",
    ),
    path("toolkit/questions/", views.question_bank, name="question_bank"),
    path("toolkit/questions/favourite/", views.question_favourite, name="question_favourite"),
    path("toolkit/questions/add/", views.question_add, name="question_add"),
    path("toolkit/questions/meeting/", views.meeting_question_add, name="meeting_question_add"),
    path(
        "students/<int:student_id>/meeting-questions/",
        views.meeting_questions,
        name="meeting_questions",
    ),
    path(
        "toolkit/meeting-questions/<int:pk>/remove/",
        views.meeting_question_remove,
        name="meeting_question_remove",
    ),
    path("guide/", views.guide_index, name="guide_index"),
    path("guide/<slug:slug>/", views.guide_page, name="guide_page"),
]
