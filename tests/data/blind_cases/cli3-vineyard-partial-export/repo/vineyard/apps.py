from django.apps import AppConfig


class VineyardConfig(AppConfig):
    name = "vineyard"
