from django.apps import AppConfig


class ApiaryConfig(AppConfig):
    name = "apiary"
