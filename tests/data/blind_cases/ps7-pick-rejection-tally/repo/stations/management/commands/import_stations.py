from django.core.management.base import BaseCommand, CommandError

from stations.inventory import apply_inventory, parse_fdsn_text


class Command(BaseCommand):
    help = "Load or refresh the station inventory from an FDSN text export (level=channel)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="file written by fdsnws/station?format=text&level=channel")

    def handle(self, *args, **options):
        try:
            with open(options["path"], encoding="utf-8") as fh:
                lines = list(parse_fdsn_text(fh))
        except OSError as exc:
            raise CommandError(f"cannot read {options['path']}: {exc}") from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        stations, channels = apply_inventory(lines)
        self.stdout.write(f"{stations} stations, {channels} channels updated")
