from django.apps import AppConfig


class BrewhouseConfig(AppConfig):
    name = "brewhouse"
