from datetime import datetime, time, timedelta, timezone as dt_timezone
from decimal import Decimal

from django.db import models
from django.db.models import Max, Sum


class RainReadingQuerySet(models.QuerySet):
    def on_day(self, day):
        """Readings that fall on the calendar day `day` (midnight to midnight)."""
        start = datetime.combine(day, time.min, tzinfo=dt_timezone.utc)
        end = start + timedelta(days=1)
        return self.filter(recorded_at__gte=start, recorded_at__lt=end)

    def since(self, moment):
        """Readings recorded at or after the aware datetime `moment`."""
        return self.filter(recorded_at__gte=moment)

    def for_gauge(self, gauge_id):
        return self.filter(gauge_id=gauge_id)

    def total_mm(self):
        return self.aggregate(total=Sum("mm"))["total"] or Decimal("0")

    def peak_mm(self):
        return self.aggregate(peak=Max("mm"))["peak"] or Decimal("0")


class RainReading(models.Model):
    """Rain that fell in the 10 minutes before `recorded_at`, as reported by the shed-roof gauge."""

    gauge_id = models.CharField(max_length=20, default="shed")
    recorded_at = models.DateTimeField(db_index=True)
    mm = models.DecimalField(max_digits=5, decimal_places=1)

    objects = RainReadingQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["gauge_id", "recorded_at"], name="one_reading_per_slot"),
        ]

    def __str__(self):
        return f"{self.gauge_id} {self.recorded_at:%Y-%m-%d %H:%M} {self.mm} mm"


class DailyRainfall(models.Model):
    day = models.DateField(unique=True)
    total_mm = models.DecimalField(max_digits=6, decimal_places=1)
    peak_10min_mm = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    readings = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day}: {self.total_mm} mm"
