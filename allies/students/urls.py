from django.urls import path

from . import views

urlpatterns = [
    path("students/", views.student_list, name="student_list"),
    path("students/new/", views.student_new, name="student_new"),
    path("students/<int:student_id>/", views.student_edit, name="student_edit"),
    path("students/<int:student_id>/remove/", views.student_remove, name="student_remove"),
    path("students/<int:student_id>/restore/", views.student_restore, name="student_restore"),
]
