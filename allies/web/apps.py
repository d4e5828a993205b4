from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "allies.web"
    label = "web"
