"""Monthly bills from the daily usage snapshots."""
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum

from metering.models import Meter, UsageSnapshot

from .models import BillRun


def month_bounds(month):
    nxt = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return month.replace(day=1), nxt


def monthly_kwh(meter, month):
    first, nxt = month_bounds(month)
    total = UsageSnapshot.objects.filter(meter=meter, day__gte=first, day__lt=nxt).aggregate(t=Sum("kwh"))["t"]
    return total or Decimal("0")


def bill_month(month):
    first, _ = month_bounds(month)
    bills = []
    for meter in Meter.objects.filter(active=True):
        kwh = monthly_kwh(meter, first)
        bill, _ = BillRun.objects.update_or_create(
            month=first, meter=meter,
            defaults={"kwh": kwh, "amount_cents": int(kwh * settings.TARIFF_CENTS_PER_KWH)},
        )
        bills.append(bill)
    return bills
