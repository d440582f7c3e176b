from django.db import models


class Station(models.Model):
    class Protocol(models.TextChoices):
        CAMPBELL = "campbell", "Campbell Scientific (CR1000X JSON)"
        DAVIS = "davis", "Davis WeatherLink Live"

    code = models.CharField(max_length=16, unique=True, help_text="network id, e.g. NE-ARL")
    name = models.CharField(max_length=120)
    latitude = models.DecimalField(max_digits=8, decimal_places=5)
    longitude = models.DecimalField(max_digits=8, decimal_places=5)
    elevation_m = models.IntegerField(null=True, blank=True)
    protocol = models.CharField(max_length=16, choices=Protocol.choices, default=Protocol.CAMPBELL)
    endpoint = models.URLField(help_text="base URL of the datalogger (through the site VPN)")
    active = models.BooleanField(default=True)

    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_observed_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Reading(models.Model):
    """One logger record (usually a 5-minute average/total)."""

    MEASUREMENTS = (
        "air_temp_c",
        "relative_humidity",
        "precipitation_mm",
        "wind_speed_ms",
        "wind_direction_deg",
        "solar_radiation_wm2",
        "soil_temp_c",
        "soil_moisture_vwc",
    )

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="readings")
    observed_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)

    air_temp_c = models.FloatField(null=True, blank=True)
    relative_humidity = models.FloatField(null=True, blank=True)
    precipitation_mm = models.FloatField(null=True, blank=True)
    wind_speed_ms = models.FloatField(null=True, blank=True)
    wind_direction_deg = models.FloatField(null=True, blank=True)
    solar_radiation_wm2 = models.FloatField(null=True, blank=True)
    soil_temp_c = models.FloatField(null=True, blank=True)
    soil_moisture_vwc = models.FloatField(null=True, blank=True)
    qc_flags = models.CharField(max_length=200, blank=True, help_text="measurements rejected by range checks")

    class Meta:
        ordering = ["station", "observed_at"]
        constraints = [
            models.UniqueConstraint(fields=["station", "observed_at"], name="reading_unique_station_time"),
        ]
        indexes = [models.Index(fields=["observed_at"], name="reading_observed_at_idx")]

    def __str__(self):
        return f"{self.station_id}@{self.observed_at:%Y-%m-%d %H:%M}"


class PollRun(models.Model):
    """Bookkeeping for one pass of the poller over all active stations."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    stations_polled = models.PositiveIntegerField(default=0)
    stations_failed = models.PositiveIntegerField(default=0)
    readings_stored = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"


class DailySummary(models.Model):
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="daily_summaries")
    date = models.DateField()
    air_temp_min = models.FloatField(null=True)
    air_temp_max = models.FloatField(null=True)
    air_temp_mean = models.FloatField(null=True)
    precipitation_total = models.FloatField(default=0.0)
    growing_degree_days = models.FloatField(null=True, help_text="base 10 °C, capped at 30 °C (corn)")
    readings_count = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["station", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["station", "date"], name="summary_unique_station_date"),
        ]
