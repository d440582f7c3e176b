from django.apps import AppConfig


class BoardingConfig(AppConfig):
    name = "boarding"

    def ready(self):
        from . import signals  # noqa: F401
