from django.core.management.base import BaseCommand


class DepotCommand(BaseCommand):
    """Base of the depot's commands: every one can be limited to one customer."""

    def add_arguments(self, parser):
        parser.add_argument("--customer-id", type=int)
