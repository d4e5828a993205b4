from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "allies.workspaces"
    label = "workspaces"
