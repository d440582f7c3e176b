"""Daily occupancy figures for the pool manager."""
from collections import defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Q
from django.utils import timezone

from .models import Booking, LaneSlot


def occupancy_for_day(day, pool=None):
    """Rows of (session label, booked, checked in, capacity) for one local calendar day."""
    tz = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    slots = LaneSlot.objects.filter(status=LaneSlot.Status.OPEN, starts_at__gte=start, starts_at__lt=end)
    if pool is not None:
        slots = slots.filter(lane__pool=pool)
    slots = slots.select_related("entry").annotate(
        booked=Count("bookings", filter=Q(bookings__status__in=[
            Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN, Booking.Status.NO_SHOW])),
        attended=Count("bookings", filter=Q(bookings__status=Booking.Status.CHECKED_IN)),
    )
    totals = defaultdict(lambda: [0, 0, 0])
    for slot in slots:
        local = timezone.localtime(slot.starts_at, tz)
        key = (local.time(), slot.entry.get_activity_display())
        totals[key][0] += slot.booked
        totals[key][1] += slot.attended
        totals[key][2] += slot.capacity
    return [
        (f"{starts:%H:%M} {label}", booked, attended, capacity)
        for (starts, label), (booked, attended, capacity) in sorted(totals.items())
    ]


def format_report(day, rows):
    lines = [f"Occupancy {day:%A %d %B %Y}", ""]
    if not rows:
        lines.append("No sessions.")
    for label, booked, attended, capacity in rows:
        lines.append(f"{label:<28} booked {booked:>3}/{capacity:<3} checked in {attended:>3}")
    return "\n".join(lines)


def send_daily_report(day=None):
    day = day or timezone.localdate()
    body = format_report(day, occupancy_for_day(day))
    if settings.POOL_MANAGER_EMAILS:
        send_mail(f"De Kolk occupancy {day:%d-%m-%Y}", body, settings.DEFAULT_FROM_EMAIL,
                  settings.POOL_MANAGER_EMAILS)
    return body
