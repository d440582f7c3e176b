from django.apps import AppConfig


class TurnstilesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "turnstiles"
    verbose_name = "Turnstiles"
