from django.db import models
from django.utils import timezone


class PassType(models.TextChoices):
    SEASON = "season", "Season pass"
    DAY = "day", "Day ticket"
    MULTI_DAY = "multi_day", "Multi-day ticket"
    HALF_DAY = "half_day", "Half-day ticket"
    STAFF = "staff", "Staff / comp"
    OTHER = "other", "Other / unknown"


class DailyRidership(models.Model):
    """One row per resort, day and pass type; written by the ``ridership`` Spark job."""

    resort = models.ForeignKey("resorts.Resort", related_name="daily_ridership", on_delete=models.CASCADE)
    ride_date = models.DateField(db_index=True)
    pass_type = models.CharField(max_length=12, choices=PassType.choices)
    scans = models.PositiveIntegerField(help_text="Accepted gate scans (lift rides)")
    unique_passes = models.PositiveIntegerField(help_text="Distinct passes that rode at least once")
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["ride_date", "resort", "pass_type"]
        constraints = [
            models.UniqueConstraint(fields=["resort", "ride_date", "pass_type"], name="uniq_daily_ridership"),
        ]

    def __str__(self):
        return f"{self.resort.code} {self.ride_date} {self.pass_type}: {self.scans}"


class ManualLiftCount(models.Model):
    """Hourly clicker counts entered by lift operators for lifts without gates (carpets, some T-bars)."""

    lift = models.ForeignKey("resorts.Lift", related_name="manual_counts", on_delete=models.CASCADE)
    ride_date = models.DateField()
    hour = models.PositiveSmallIntegerField()
    rides = models.PositiveIntegerField()
    counted_by = models.CharField(max_length=60, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lift", "ride_date", "hour"], name="uniq_manual_count"),
        ]


class LiftHourlyUtilisation(models.Model):
    """Rides per lift and hour; written by the ``lift_utilisation`` Spark job."""

    lift = models.ForeignKey("resorts.Lift", related_name="hourly_utilisation", on_delete=models.CASCADE)
    ride_date = models.DateField(db_index=True)
    hour = models.PositiveSmallIntegerField()
    rides = models.PositiveIntegerField()
    utilisation = models.DecimalField(max_digits=5, decimal_places=3, help_text="rides / capacity_per_hour")

    class Meta:
        ordering = ["ride_date", "lift", "hour"]
        constraints = [
            models.UniqueConstraint(fields=["lift", "ride_date", "hour"], name="uniq_lift_hour"),
        ]
