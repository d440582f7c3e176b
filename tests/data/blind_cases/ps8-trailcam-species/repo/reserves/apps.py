from django.apps import AppConfig


class ReservesConfig(AppConfig):
    name = "reserves"
