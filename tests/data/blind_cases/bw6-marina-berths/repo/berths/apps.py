from django.apps import AppConfig


class BerthsConfig(AppConfig):
    name = "berths"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
