from django.db import models


class Meter(models.Model):
    ean = models.CharField(max_length=18, unique=True)
    active = models.BooleanField(default=True)


class Reading(models.Model):
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="readings")
    day = models.DateField()
    kwh = models.DecimalField(max_digits=10, decimal_places=3)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meter", "day"], name="one_reading_per_meter_day")]
