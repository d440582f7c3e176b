from django.apps import AppConfig


class SpraylogsConfig(AppConfig):
    name = "spraylogs"
