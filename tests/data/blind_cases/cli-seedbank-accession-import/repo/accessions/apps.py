from django.apps import AppConfig


class AccessionsConfig(AppConfig):
    name = "accessions"
