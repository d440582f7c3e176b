"""Weekly summary (Mondays 07:00 shop time, celery beat)."""
from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from .models import DailyTakings


def last_week(today=None):
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 7)
    return monday, monday + timedelta(days=6)


def weekly_totals(today=None):
    first, last = last_week(today)
    rows = (DailyTakings.objects.filter(business_day__range=(first, last))
            .values("store__code").annotate(gross=Sum("gross_yen")).order_by("store__code"))
    return {r["store__code"]: r["gross"] for r in rows}
