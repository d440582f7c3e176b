from django.apps import AppConfig


class GaugesConfig(AppConfig):
    name = "gauges"
    verbose_name = "Gauging stations"
