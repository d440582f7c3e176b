from django.db import models

from fleet.models import Line, Vehicle


class PositionReport(models.Model):
    """One GPS/status sample of a vehicle, as delivered by the operator API."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name="positions")
    recorded_at = models.DateTimeField(db_index=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    speed_kmh = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    line = models.ForeignKey(Line, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    doors_open = models.BooleanField(default=False)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["vehicle", "recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["vehicle", "recorded_at"], name="uniq_position_per_vehicle_time"),
        ]

    def __str__(self):
        return f"{self.vehicle} @ {self.recorded_at:%Y-%m-%d %H:%M:%S}"


class ImportCursor(models.Model):
    """Where an incremental import left off in the operator's feed."""

    name = models.CharField(max_length=64, unique=True)
    position = models.CharField(max_length=128, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.name}: {self.position or '-'}"


class JobLock(models.Model):
    """A row per running scheduled job, see telemetry.locks.DbLock."""

    name = models.CharField(max_length=64, unique=True)
    owner = models.CharField(max_length=128)
    acquired_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} held by {self.owner} until {self.expires_at:%H:%M:%S}"
