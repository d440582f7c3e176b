from django.core.management.base import BaseCommand

from depot.convert import strict_bool


class Command(BaseCommand):
    help = "Send reminders"

    def add_arguments(self, parser):
        parser.add_argument("--notify", type=strict_bool, default=True)

    def handle(self, *args, **options):
        return str(options["notify"])
