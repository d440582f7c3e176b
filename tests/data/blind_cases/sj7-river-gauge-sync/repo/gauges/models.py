from django.db import models


class Station(models.Model):
    code = models.CharField(max_length=16, unique=True, help_text="telemetry provider's station id")
    name = models.CharField(max_length=100)
    river = models.CharField(max_length=60)
    warning_level_m = models.DecimalField(max_digits=5, decimal_places=2)
    alert_level_m = models.DecimalField(max_digits=5, decimal_places=2)
    active = models.BooleanField(default=True)
    last_reading_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["river", "name"]

    def __str__(self):
        return f"{self.name} ({self.river})"


class Reading(models.Model):
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="readings")
    measured_at = models.DateTimeField()
    level_m = models.DecimalField(max_digits=5, decimal_places=2)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["station", "measured_at"]
        constraints = [
            models.UniqueConstraint(fields=["station", "measured_at"], name="one_reading_per_station_and_time"),
        ]
        indexes = [models.Index(fields=["measured_at"])]

    def __str__(self):
        return f"{self.station.code} {self.measured_at:%Y-%m-%d %H:%M} {self.level_m} m"


class Alert(models.Model):
    class Level(models.TextChoices):
        WARNING = "warning", "Warning"
        ALERT = "alert", "Alert"

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="alerts")
    level = models.CharField(max_length=10, choices=Level.choices)
    raised_at = models.DateTimeField()
    peak_level_m = models.DecimalField(max_digits=5, decimal_places=2)
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self):
        return f"{self.level} at {self.station.code} since {self.raised_at:%Y-%m-%d %H:%M}"
