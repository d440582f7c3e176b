from django.apps import AppConfig


class StudiosConfig(AppConfig):
    name = "studios"
    default_auto_field = "django.db.models.BigAutoField"
