from django.db import models

from gauges.models import Station


class DailySummary(models.Model):
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="daily_summaries")
    day = models.DateField()
    readings = models.PositiveIntegerField()
    min_level_m = models.DecimalField(max_digits=5, decimal_places=2)
    max_level_m = models.DecimalField(max_digits=5, decimal_places=2)
    mean_level_m = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["-day", "station"]
        constraints = [models.UniqueConstraint(fields=["station", "day"], name="one_summary_per_station_day")]

    def __str__(self):
        return f"{self.station.code} {self.day}"


class JobFlag(models.Model):
    """A row per long-running report job; `running_since` is set while a run is in progress."""

    name = models.CharField(max_length=50, unique=True)
    running_since = models.DateTimeField(null=True, blank=True)
    owner = models.CharField(max_length=100, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    def __str__(self):
        return self.name
