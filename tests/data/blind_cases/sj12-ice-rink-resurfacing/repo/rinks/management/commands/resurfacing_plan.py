from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rinks.models import ResurfacingPlan, Rink
from rinks.planning import PlanningError, build_plans_for_day


def _day(value):
    if value == "today":
        return timezone.localdate()
    if value == "tomorrow":
        return timezone.localdate() + timedelta(days=1)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date: {value!r} (use YYYY-MM-DD, today or tomorrow)")


class Command(BaseCommand):
    help = "Print the resurfacing plan for a day; --rebuild recomputes it from the current bookings first."

    def add_arguments(self, parser):
        parser.add_argument("day", nargs="?", default="tomorrow")
        parser.add_argument("--rink", help="rink slug (default: all rinks)")
        parser.add_argument("--rebuild", action="store_true")

    def handle(self, *args, day, rink=None, rebuild=False, **options):
        the_day = _day(day)
        rink_obj = None
        if rink:
            try:
                rink_obj = Rink.objects.get(slug=rink)
            except Rink.DoesNotExist:
                raise CommandError(f"no rink {rink!r}")

        if rebuild:
            try:
                build_plans_for_day(the_day, rink=rink_obj)
            except PlanningError as exc:
                raise CommandError(str(exc))

        plans = ResurfacingPlan.objects.filter(day=the_day).select_related("sheet__rink")
        if rink_obj is not None:
            plans = plans.filter(sheet__rink=rink_obj)
        plans = list(plans)
        if not plans:
            self.stdout.write(f"No resurfacing plan for {the_day:%a %d %b %Y}.")
            return
        for plan in plans:
            built = timezone.localtime(plan.built_at)
            self.stdout.write(f"{plan.sheet} - {the_day:%a %d %b %Y} (built {built:%d %b %H:%M})")
            for slot in plan.slots.all():
                self.stdout.write(f"  {slot}")
