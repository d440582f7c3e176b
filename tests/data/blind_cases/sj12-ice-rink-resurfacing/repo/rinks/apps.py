from django.apps import AppConfig


class RinksConfig(AppConfig):
    name = "rinks"
