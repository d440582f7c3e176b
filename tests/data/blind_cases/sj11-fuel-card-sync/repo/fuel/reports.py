"""Daily fuel summary mail for depot managers."""
import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from fleet.models import Depot

from .models import FuelTransaction
from .services import spend_by_vehicle

logger = logging.getLogger(__name__)


def local_day_bounds(day):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)


def render_summary(depot, day, rows):
    lines = [f"Fuel summary for {depot.name} ({depot.code}), {day:%a %d %b %Y}", ""]
    total_litres = total_amount = 0
    for line in spend_by_vehicle(rows.filter(vehicle__depot=depot)):
        lines.append(f"  {line['fleet_number']:<10} {line['registration']:<9} {line['fills']:>3} fills "
                     f"{line['litres']:>9.2f} l  £{line['amount']:>9.2f}")
        total_litres += line["litres"]
        total_amount += line["amount"]
    if len(lines) == 2:
        lines.append("  no fuel booked")
    else:
        lines += ["", f"  Total {total_litres:.2f} l, £{total_amount:.2f}"]
    flagged = rows.filter(vehicle__depot=depot).exclude(anomaly="").select_related("vehicle")
    if flagged:
        lines += ["", "Please check:"]
        for row in flagged:
            lines.append(f"  {row.vehicle.fleet_number} {timezone.localtime(row.occurred_at):%H:%M} "
                         f"{row.site_name}: {row.litres} l {row.product} ({row.anomaly})")
    return "\n".join(lines) + "\n"


def send_daily_summaries(now=None):
    now = now or timezone.now()
    day = timezone.localdate(now) - timedelta(days=1)
    start, end = local_day_bounds(day)
    rows = FuelTransaction.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
    sent = 0
    for depot in Depot.objects.exclude(manager_email=""):
        body = render_summary(depot, day, rows)
        send_mail(f"Fuel summary {depot.code} {day:%d/%m}", body, None,
                  [depot.manager_email, *settings.FUEL_SUMMARY_CC])
        sent += 1
    unknown = rows.filter(status=FuelTransaction.Status.UNKNOWN_CARD).count()
    if unknown:
        logger.warning("daily fuel summary: %d unknown-card transactions on %s", unknown, day)
    return sent
