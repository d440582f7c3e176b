from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError

from intake.models import Crop, Delivery
from settlements.calculation import build_settlement


def _month(value):
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise CommandError(f"period must look like 2024-09, got {value!r}") from None


class Command(BaseCommand):
    help = "Build (or rebuild) the draft settlements for a month from the delivery tickets."

    def add_arguments(self, parser):
        parser.add_argument("period", type=_month, help="YYYY-MM")
        parser.add_argument("--crop", help="crop code, default: all crops")

    def handle(self, *args, period, crop=None, **options):
        period_end = (period + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        crops = Crop.objects.all()
        if crop:
            crops = crops.filter(code=crop)
            if not crops:
                raise CommandError(f"unknown crop {crop}")
        built = 0
        for c in crops:
            farmers = {d.farmer for d in Delivery.objects.filter(crop=c, delivered_at__date__gte=period,
                                                                  delivered_at__date__lte=period_end)
                       .select_related("farmer")}
            for farmer in sorted(farmers, key=lambda f: f.member_no):
                settlement = build_settlement(farmer, c, period, period_end)
                if settlement:
                    built += 1
                    self.stdout.write(f"{settlement.number} {farmer.member_no} {c.code} "
                                      f"{settlement.clean_tonnes} t  net {settlement.net_payable}")
        self.stdout.write(f"{built} draft settlement(s) for {period:%Y-%m}")
