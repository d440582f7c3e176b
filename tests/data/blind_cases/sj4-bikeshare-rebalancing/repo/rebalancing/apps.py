from django.apps import AppConfig


class RebalancingConfig(AppConfig):
    name = "rebalancing"
