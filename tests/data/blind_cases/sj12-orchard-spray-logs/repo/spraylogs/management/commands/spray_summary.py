from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Sum

from orchards.models import Farm
from spraylogs.models import SprayRecord, Submission
from spraylogs.weeks import previous_week_start, week_bounds


def _monday(value):
    day = date.fromisoformat(value)
    if day.weekday() != 0:
        raise ValueError("week must start on a Monday")
    return day


class Command(BaseCommand):
    help = "Print a per-farm summary of a week's spraying and its filing status (read only)."

    def add_arguments(self, parser):
        parser.add_argument("--week", type=_monday, metavar="YYYY-MM-DD",
                            help="Monday of the week (default: last week)")
        parser.add_argument("--farm", help="only this farm code")

    def handle(self, *args, week=None, farm=None, **options):
        week = week or previous_week_start()
        start, end = week_bounds(week)
        farms = Farm.objects.filter(active=True)
        if farm:
            farms = farms.filter(code=farm)
            if not farms:
                raise CommandError(f"no active farm {farm!r}")
        submissions = {s.farm_id: s for s in Submission.objects.filter(week_start=week, farm__in=farms)}
        self.stdout.write(f"Spray summary, week of {week:%a %d %b %Y}")
        self.stdout.write(f"{'farm':<8} {'records':>7} {'products':>8} {'ha sprayed':>10}  filing")
        for f in farms:
            agg = SprayRecord.objects.filter(block__farm=f, applied_at__gte=start, applied_at__lt=end).aggregate(
                n=Count("id"), products=Count("product", distinct=True), area=Sum("area_ha"))
            sub = submissions.get(f.id)
            filing = "not attempted" if sub is None else sub.status
            if sub is not None and sub.receipt_no:
                filing += f" ({sub.receipt_no})"
            area = agg["area"] or Decimal("0")
            self.stdout.write(f"{f.code:<8} {agg['n']:>7} {agg['products']:>8} {area:>10.2f}  {filing}")
        unregistered = (SprayRecord.objects.filter(block__farm__in=farms, applied_at__gte=start, applied_at__lt=end,
                                                   product__registered=False)
                        .values_list("block__farm__code", "product__name").distinct())
        for code, product in unregistered:
            self.stdout.write(self.style.WARNING(f"{code}: {product} is not on the current product register"))
