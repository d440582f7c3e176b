from django.apps import AppConfig


class GerminationConfig(AppConfig):
    name = "germination"
