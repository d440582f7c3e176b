"""Working-time rules a timesheet has to satisfy before it is booked."""
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from .models import Timesheet


def check_timesheet(ts):
    """Return a list of human readable problems; an empty list means OK."""
    problems = []
    today = timezone.localdate()
    if ts.hours <= 0:
        problems.append("hours must be positive")
    if ts.hours > settings.CREW_MAX_HOURS_PER_ENTRY:
        problems.append(f"more than {settings.CREW_MAX_HOURS_PER_ENTRY} h in one entry")
    if ts.work_date > today:
        problems.append("work date is in the future")
    if ts.work_date < today - timedelta(days=settings.CREW_TIMESHEET_MAX_AGE_DAYS):
        problems.append("work date is too old, ask the site lead to book it manually")

    if ts.kind == Timesheet.Kind.WORK:
        if ts.work_order is None:
            problems.append("work entries need a work order")
        elif not ts.work_order.accepts_time:
            problems.append(f"work order {ts.work_order.number} is {ts.work_order.status}")

    site_kind = ts.technician.home_site.kind
    if ts.work_order is not None:
        site_kind = ts.work_order.turbine.site.kind
    daily_limit = Decimal(settings.CREW_MAX_HOURS_PER_DAY[site_kind])
    booked = (
        Timesheet.objects.filter(technician_id=ts.technician_id, work_date=ts.work_date,
                                 status=Timesheet.Status.APPLIED)
        .exclude(kind=Timesheet.Kind.STANDBY)
        .exclude(pk=ts.pk)
        .aggregate(total=Sum("hours"))["total"]
        or Decimal("0")
    )
    if ts.kind != Timesheet.Kind.STANDBY and booked + ts.hours > daily_limit:
        problems.append(f"{booked + ts.hours} h on {ts.work_date} exceeds the {daily_limit} h daily limit")
    return problems
