from django.apps import AppConfig


class WeighbridgeConfig(AppConfig):
    name = "weighbridge"
