from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Rebuild the daily statistics"

    def add_arguments(self, parser):
        output = parser.add_argument_group("output")
        output.add_argument("--verbose-report", type=bool, default=False)

    def handle(self, *args, **options):
        return str(options["verbose_report"])
