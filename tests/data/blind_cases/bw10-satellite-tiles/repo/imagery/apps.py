from django.apps import AppConfig


class ImageryConfig(AppConfig):
    name = "imagery"
    default_auto_field = "django.db.models.BigAutoField"
