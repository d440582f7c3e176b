from django.apps import AppConfig


class OrchardsConfig(AppConfig):
    name = "orchards"
