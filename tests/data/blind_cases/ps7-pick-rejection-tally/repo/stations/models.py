from django.db import models
from django.utils import timezone


class Network(models.Model):
    code = models.CharField(max_length=2, unique=True)
    description = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return self.code


class Station(models.Model):
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="stations")
    code = models.CharField(max_length=5)
    site_name = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    elevation_m = models.FloatField(default=0.0)
    is_active = models.BooleanField(default=True)

    class Meta:
        unique_together = [("network", "code")]
        ordering = ["network__code", "code"]

    @property
    def nslc_prefix(self):
        """``NET.STA`` as used in the picker and archive exports."""
        return f"{self.network.code}.{self.code}"

    def __str__(self):
        return self.nslc_prefix


class Channel(models.Model):
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="channels")
    location = models.CharField(max_length=2, blank=True, default="")
    code = models.CharField(max_length=3)
    sample_rate = models.FloatField(default=100.0)
    start = models.DateTimeField(default=timezone.now)
    end = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = [("station", "location", "code", "start")]


class StationQC(models.Model):
    """Daily pick-quality figures of one station, written by ``manage.py pick_quality``."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="qc_days")
    day = models.DateField()
    picks = models.PositiveIntegerField(default=0)
    p_picks = models.PositiveIntegerField(default=0)
    s_picks = models.PositiveIntegerField(default=0)
    mean_snr = models.FloatField(null=True)
    rejected = models.PositiveIntegerField(default=0)
    rejected_by_reason = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        unique_together = [("station", "day")]

    @property
    def rejection_rate(self):
        return self.rejected / self.picks if self.picks else 0.0


class StationUptime(models.Model):
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="uptime_days")
    channel = models.CharField(max_length=3)
    day = models.DateField()
    available_s = models.FloatField(default=0.0)
    gaps = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = [("station", "channel", "day")]


class StationAlert(models.Model):
    KIND_PICK_QUALITY = "pick_quality"
    KIND_OUTAGE = "outage"
    KINDS = [(KIND_PICK_QUALITY, "pick quality"), (KIND_OUTAGE, "data outage")]

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=20, choices=KINDS)
    day = models.DateField()
    message = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged = models.BooleanField(default=False)

    class Meta:
        unique_together = [("station", "kind", "day")]
        ordering = ["-day", "station"]
