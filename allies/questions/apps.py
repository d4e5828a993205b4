from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "allies.questions"
    label = "questions"
