from django.db import models


class Station(models.Model):
    code = models.CharField(max_length=10, unique=True, help_text="e.g. ATH01")
    name = models.CharField(max_length=120)
    river = models.CharField(max_length=80)
    datum_m = models.DecimalField(max_digits=7, decimal_places=3, help_text="gauge datum, metres above OD")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Reading(models.Model):
    class Quality(models.TextChoices):
        GOOD = "good", "Good"
        SUSPECT = "suspect", "Suspect"
        MISSING = "missing", "Missing"

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="readings")
    taken_at = models.DateTimeField()
    stage_mm = models.IntegerField(null=True, blank=True)
    quality = models.CharField(max_length=10, choices=Quality.choices, default=Quality.GOOD)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["station", "taken_at"]
        constraints = [models.UniqueConstraint(fields=["station", "taken_at"], name="uniq_station_time")]

    def __str__(self):
        return f"{self.station.code} {self.taken_at:%Y-%m-%d %H:%M} {self.stage_mm}"


class DailySummary(models.Model):
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="daily")
    day = models.DateField()
    readings = models.IntegerField()
    min_mm = models.IntegerField(null=True)
    max_mm = models.IntegerField(null=True)
    mean_mm = models.FloatField(null=True)

    class Meta:
        ordering = ["station", "day"]
        constraints = [models.UniqueConstraint(fields=["station", "day"], name="uniq_station_day")]
