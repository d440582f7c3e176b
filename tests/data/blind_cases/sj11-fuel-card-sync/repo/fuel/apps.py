from django.apps import AppConfig


class FuelConfig(AppConfig):
    name = "fuel"
    default_auto_field = "django.db.models.BigAutoField"
