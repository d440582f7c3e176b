from django.apps import AppConfig


class RingingConfig(AppConfig):
    name = "ringing"
