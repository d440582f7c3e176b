"""End-of-day close: one DailyTakings row per store and business day, mailed to the area managers.

Run by cron every night at 00:30 shop time (``30 0 * * *  manage.py close_business_day``).
"""
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Q, Sum
from django.utils import timezone

from stores.models import Sale, Store

from .models import DailyTakings


def day_to_close(now=None):
    """The business day the nightly close is for: the day that has just ended."""
    now = now or timezone.now()
    return now.date() - timedelta(days=1)


def close_day(day, now=None):
    """Create or refresh the takings of every open store for ``day`` (a local calendar day)."""
    now = now or timezone.now()
    rows = []
    for store in Store.objects.filter(open=True).order_by("code"):
        agg = Sale.objects.filter(store=store, sold_at__date=day).aggregate(
            gross=Sum("total_yen", filter=Q(refunded=False)),
            sales=Count("id", filter=Q(refunded=False)),
            refunds=Count("id", filter=Q(refunded=True)),
        )
        row, _ = DailyTakings.objects.update_or_create(
            store=store, business_day=day,
            defaults={"gross_yen": agg["gross"] or 0, "sales": agg["sales"], "refunds": agg["refunds"],
                      "closed_at": now},
        )
        rows.append(row)
    return rows


def mail_takings(day, rows):
    lines = [f"{r.store.code}: {r.gross_yen:,} yen in {r.sales} sale(s), {r.refunds} refund(s)" for r in rows]
    send_mail(f"Takings for {day:%a %d %b %Y}", "\n".join(lines), settings.DEFAULT_FROM_EMAIL,
              settings.TAKINGS_REPORT_RECIPIENTS)
