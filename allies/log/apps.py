from django.apps import AppConfig


class LogConfig(AppConfig):
    name = "allies.log"
    label = "log"
