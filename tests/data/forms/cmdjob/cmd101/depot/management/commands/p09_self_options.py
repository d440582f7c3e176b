from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Rebuild daily stats (options kept on self)"

    def add_arguments(self, parser):
        parser.add_argument("--since")

    def handle(self, *args, **options):
        self.options = options
        self.rebuild()

    def rebuild(self):
        self.stdout.write(str(self.options["from_date"]))
