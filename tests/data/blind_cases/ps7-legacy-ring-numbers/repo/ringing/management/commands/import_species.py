from django.core.management.base import BaseCommand, CommandError

from ringing.species_io import import_species, read_species


class Command(BaseCommand):
    help = "Create or update species from a semicolon-separated list."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        try:
            with open(options["path"], encoding="utf-8", newline="") as fh:
                created, updated = import_species(list(read_species(fh)))
        except OSError as exc:
            raise CommandError(f"cannot read {options['path']}: {exc}") from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"species: {created} created, {updated} updated")
