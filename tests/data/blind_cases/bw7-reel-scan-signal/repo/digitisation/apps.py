from django.apps import AppConfig


class DigitisationConfig(AppConfig):
    name = "digitisation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
