from django.apps import AppConfig


class GaugesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gauges"
    verbose_name = "River gauges"
