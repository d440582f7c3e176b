from django.apps import AppConfig


class FuelConfig(AppConfig):
    name = "fuel"
