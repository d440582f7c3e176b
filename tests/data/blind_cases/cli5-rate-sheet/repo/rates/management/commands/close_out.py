from django.core.management.base import BaseCommand, CommandError

from rates.services import RateRuleError, close_out

from ._common import get_property, get_room_type, iso_date


class Command(BaseCommand):
    help = "Stop sell a room type for a range of nights (or reopen it with --reopen)."

    def add_arguments(self, parser):
        parser.add_argument("--property", required=True)
        parser.add_argument("--room-type", required=True)
        parser.add_argument("--from", dest="start", required=True, type=iso_date)
        parser.add_argument("--to", dest="end", required=True, type=iso_date)
        parser.add_argument("--reopen", action="store_true")

    def handle(self, *args, **options):
        prop = get_property(options["property"])
        room_type = get_room_type(prop, options["room_type"])
        try:
            updated = close_out(room_type, options["start"], options["end"], reopen=options["reopen"])
        except RateRuleError as exc:
            raise CommandError(str(exc)) from exc
        verb = "reopened" if options["reopen"] else "closed"
        self.stdout.write(f"{verb} {updated} night(s) of {room_type}")
