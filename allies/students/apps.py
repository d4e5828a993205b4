from django.apps import AppConfig


class StudentsConfig(AppConfig):
    name = "allies.students"
    label = "students"
