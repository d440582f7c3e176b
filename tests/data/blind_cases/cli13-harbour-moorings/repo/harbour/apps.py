from django.apps import AppConfig


class HarbourConfig(AppConfig):
    name = "harbour"
