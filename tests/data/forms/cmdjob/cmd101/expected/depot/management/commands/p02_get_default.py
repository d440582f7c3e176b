from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Send reminders; a misspelt .get() silently falls back to its default"

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=100)

    def handle(self, *args, **options):
        size = options.get("batch_size", 500)
        self.stdout.write(str(size))
