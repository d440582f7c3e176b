from django.db import models


class Ping(models.Model):
    tracker_id = models.CharField(max_length=32, db_index=True)
    recorded_at = models.DateTimeField()
    latitude = models.FloatField()
    longitude = models.FloatField()
    odometer_km = models.PositiveIntegerField(null=True, blank=True)
    speed_kmh = models.FloatField(default=0)

    class Meta:
        ordering = ["recorded_at"]
        unique_together = [("tracker_id", "recorded_at")]
