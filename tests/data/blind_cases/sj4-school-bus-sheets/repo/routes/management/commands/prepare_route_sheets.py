from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from routes.calendar import planning_day
from routes.models import RouteSheet
from routes.sheets import build_route_sheets, late_absences


class Command(BaseCommand):
    help = "Build the route sheets for the next school day (cron: preliminary 15:00, final 19:30)."

    def add_arguments(self, parser):
        parser.add_argument("--stage", choices=RouteSheet.Stage.values, default=RouteSheet.Stage.PRELIMINARY)
        parser.add_argument("--as-of", dest="as_of", metavar="DATETIME",
                            help="re-run a missed run as if at this time (local time unless an offset is given)")

    def handle(self, *args, **options):
        now = self._as_of(options["as_of"]) if options["as_of"] else timezone.now()
        day = planning_day(now)
        sheets = build_route_sheets(day, options["stage"], now=now)
        riders = sum(s.riders for s in sheets)
        absent = sum(s.absent for s in sheets)
        self.stdout.write(
            f"prepared {len(sheets)} route sheets ({options['stage']}) for {day:%Y-%m-%d}: "
            f"{riders} riders, {absent} absent"
        )
        late = late_absences(day).count()
        if late:
            self.stdout.write(f"{late} absences for {day:%Y-%m-%d} were reported after the cut-off")

    @staticmethod
    def _as_of(value):
        parsed = parse_datetime(value)
        if parsed is None:
            raise CommandError(f"--as-of: not a date and time: {value!r}")
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed
