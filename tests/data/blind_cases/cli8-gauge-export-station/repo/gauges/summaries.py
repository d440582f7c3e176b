from datetime import timedelta

from django.db import transaction
from django.db.models import Avg, Count, Max, Min

from .cli import day_start
from .models import DailySummary, Reading


def summarize_day(station, day):
    start = day_start(day)
    end = day_start(day + timedelta(days=1))
    agg = (Reading.objects.filter(station=station, taken_at__gte=start, taken_at__lt=end,
                                  quality=Reading.Quality.GOOD, stage_mm__isnull=False)
           .aggregate(n=Count("id"), lo=Min("stage_mm"), hi=Max("stage_mm"), mean=Avg("stage_mm")))
    with transaction.atomic():
        summary, _ = DailySummary.objects.update_or_create(
            station=station, day=day,
            defaults={"readings": agg["n"], "min_mm": agg["lo"], "max_mm": agg["hi"],
                      "mean_mm": round(agg["mean"], 1) if agg["mean"] is not None else None},
        )
    return summary
