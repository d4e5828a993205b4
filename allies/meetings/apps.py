from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "allies.meetings"
    label = "meetings"
