from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "allies.calendar"
    label = "calendar"
