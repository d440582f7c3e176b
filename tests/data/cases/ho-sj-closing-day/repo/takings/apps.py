from django.apps import AppConfig


class TakingsConfig(AppConfig):
    name = "takings"
