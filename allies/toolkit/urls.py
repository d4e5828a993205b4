from django.urls import path

from .views import compose, guide, index, printables, questions, templates

urlpatterns = [
    path("toolkit/", index.toolkit, name="toolkit"),
    path("toolkit/compose/", compose.compose, name="compose"),
    path("toolkit/monthly/", index.monthly_update, name="monthly_update"),
    path("toolkit/templates/", templates.template_list, name="template_list"),
    path(
        "toolkit/templates/<slug:kind>/<slug:language>/",
        templates.template_edit,
        name="template_edit",
    ),
    path(
        "toolkit/templates/<slug:kind>/<slug:language>/reset/",
        templates.template_reset,
        name="template_reset",
    ),
    path("toolkit/questions/", questions.question_bank, name="question_bank"),
    path("toolkit/questions/favourite/", questions.question_favourite, name="question_favourite"),
    path("toolkit/questions/add/", questions.question_add, name="question_add"),
    path(
        "toolkit/questions/<int:pk>/delete/",
        questions.custom_question_delete,
        name="custom_question_delete",
    ),
    path("toolkit/questions/meeting/", questions.meeting_question_add, name="meeting_question_add"),
    path(
        "students/<int:student_id>/meeting-questions/",
        questions.meeting_questions,
        name="meeting_questions",
    ),
    path(
        "students/<int:student_id>/meeting-questions/print/",
        questions.meeting_questions_print,
        name="meeting_questions_print",
    ),
    path(
        "students/<int:student_id>/meeting-questions.pdf",
        questions.meeting_questions_pdf,
        name="meeting_questions_pdf",
    ),
    path(
        "toolkit/meeting-questions/<int:pk>/remove/",
        questions.meeting_question_remove,
        name="meeting_question_remove",
    ),
    path(
        "toolkit/print/<slug:name>/<slug:language>/",
        printables.printable,
        name="printable",
    ),
    path("guide/", guide.guide_index, name="guide_index"),
    path("guide/<slug:slug>/", guide.guide_page, name="guide_page"),
]
