from django.core.management.base import BaseCommand, CommandError

from scheduling import registry


class Command(BaseCommand):
    help = "Run one registered job now."

    def add_arguments(self, parser):
        parser.add_argument("name")

    def handle(self, *args, **options):
        try:
            result = registry.run(options["name"])
        except KeyError:
            known = ", ".join(sorted(registry.load_jobs()))
            raise CommandError(f"unknown job {options['name']!r} (known: {known})")
        self.stdout.write(f"{options['name']}: {result}")
