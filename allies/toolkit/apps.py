from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "allies.toolkit"
    label = "toolkit"
