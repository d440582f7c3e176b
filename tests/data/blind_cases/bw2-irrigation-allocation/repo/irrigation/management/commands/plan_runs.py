from datetime import date

from django.core.management.base import BaseCommand, CommandError

from farms.models import Farm
from irrigation.planning import PlanningError, plan_day


class Command(BaseCommand):
    help = "Plan tomorrow's irrigation runs from the ET0 forecast."

    def add_arguments(self, parser):
        parser.add_argument("day", type=date.fromisoformat)
        parser.add_argument("--et0", type=float, required=True, help="forecast reference ET, mm/day")
        parser.add_argument("--farm", help="member number (default: all farms)")

    def handle(self, *args, **options):
        farms = Farm.objects.all()
        if options["farm"]:
            farms = farms.filter(member_number=options["farm"])
            if not farms:
                raise CommandError(f"no farm {options['farm']}")
        for farm in farms:
            try:
                runs = plan_day(farm, options["day"], options["et0"])
            except PlanningError as exc:
                self.stderr.write(f"{farm.member_number}: {exc}")
                continue
            total = sum(r.planned_liters for r in runs)
            self.stdout.write(f"{farm.member_number}: {len(runs)} runs, {total} l")
