from django.apps import AppConfig


class PlotsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plots"
