from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Deactivate idle customers"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=365, dest="idle_days")

    def handle(self, *args, **options):
        self.stdout.write(str(options["days"]))
