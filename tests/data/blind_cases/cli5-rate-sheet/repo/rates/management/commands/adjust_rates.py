from django.core.management.base import BaseCommand, CommandError

from rates.services import RateRuleError, adjust_rates

from ._common import get_property, get_room_type, iso_date


class Command(BaseCommand):
    help = "Raise or lower existing rates of one room type over a range of nights by a percentage."

    def add_arguments(self, parser):
        parser.add_argument("--property", required=True)
        parser.add_argument("--room-type", required=True)
        parser.add_argument("--from", dest="start", required=True, type=iso_date)
        parser.add_argument("--to", dest="end", required=True, type=iso_date)
        parser.add_argument("--percent", required=True, type=float, help="e.g. 8 or -5")

    def handle(self, *args, **options):
        prop = get_property(options["property"])
        room_type = get_room_type(prop, options["room_type"])
        if options["end"] < options["start"]:
            raise CommandError("--to is before --from")
        try:
            changed = adjust_rates(room_type, options["start"], options["end"], options["percent"])
        except RateRuleError as exc:
            raise CommandError(f"nothing changed: {exc}") from exc
        self.stdout.write(f"adjusted {len(changed)} rate(s) of {room_type} by {options['percent']:+}%")
