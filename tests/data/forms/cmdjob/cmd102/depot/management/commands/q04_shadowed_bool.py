from django.core.management.base import BaseCommand

from depot.convert import strict_bool as bool


class Command(BaseCommand):
    help = "Toggle the depot's intake (a project converter imported under the name bool)"

    def add_arguments(self, parser):
        parser.add_argument("--open", type=bool, default=True)

    def handle(self, *args, **options):
        return str(options["open"])
