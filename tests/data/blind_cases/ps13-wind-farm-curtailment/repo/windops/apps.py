from django.apps import AppConfig


class WindopsConfig(AppConfig):
    name = "windops"
