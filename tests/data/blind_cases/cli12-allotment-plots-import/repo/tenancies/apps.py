from django.apps import AppConfig


class TenanciesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tenancies"
