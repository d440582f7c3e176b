from django.apps import AppConfig


class ResortsConfig(AppConfig):
    name = "resorts"
