"""Weekly charts: top podcasts per category by downloads over the last full week (Monday-Sunday)."""
import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from catalog.models import Category

from .models import ChartEntry, DownloadStat

logger = logging.getLogger(__name__)

CHART_SIZE = 25


def last_full_week(today=None):
    today = today or timezone.localdate()
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(days=7)


def compute_weekly_charts(week=None):
    week = week or last_full_week()
    week_end = week + timedelta(days=6)
    written = 0
    for category in Category.objects.all():
        totals = (
            DownloadStat.objects.filter(day__gte=week, day__lte=week_end, podcast__categories=category,
                                        podcast__is_active=True)
            .values("podcast")
            .annotate(total=Sum("downloads"))
            .order_by("-total", "podcast")[:CHART_SIZE]
        )
        with transaction.atomic():
            ChartEntry.objects.filter(week=week, category=category).delete()
            ChartEntry.objects.bulk_create([
                ChartEntry(week=week, category=category, rank=rank, podcast_id=row["podcast"],
                           downloads=row["total"])
                for rank, row in enumerate(totals, start=1)
            ])
        written += len(totals)
    logger.info("charts for week of %s: %d entries", week, written)
    return written
