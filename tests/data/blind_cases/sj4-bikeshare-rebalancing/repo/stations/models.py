from django.db import models


class Station(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100)
    capacity = models.PositiveSmallIntegerField()
    lat = models.FloatField()
    lon = models.FloatField()
    active = models.BooleanField(default=True)
    opened_on = models.DateField()
    # Fill target: the planner sends a van when the station drops below min_bikes or rises above max_bikes.
    min_bikes = models.PositiveSmallIntegerField(default=3)
    max_bikes = models.PositiveSmallIntegerField(default=15)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class TargetOverride(models.Model):
    """A temporary fill target, e.g. for a match at the stadium or a street market."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="overrides")
    starts_on = models.DateField()
    ends_on = models.DateField()
    from_hour = models.PositiveSmallIntegerField(default=0)
    to_hour = models.PositiveSmallIntegerField(default=24, help_text="exclusive")
    min_bikes = models.PositiveSmallIntegerField()
    max_bikes = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["starts_on"]

    def applies(self, local_dt):
        return (self.starts_on <= local_dt.date() <= self.ends_on
                and self.from_hour <= local_dt.hour < self.to_hour)


class StationStatus(models.Model):
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="statuses")
    reported_at = models.DateTimeField(db_index=True)
    bikes_available = models.PositiveSmallIntegerField()
    ebikes_available = models.PositiveSmallIntegerField(default=0)
    docks_available = models.PositiveSmallIntegerField()
    is_renting = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["station", "reported_at"], name="one_status_per_report")]
        get_latest_by = "reported_at"
