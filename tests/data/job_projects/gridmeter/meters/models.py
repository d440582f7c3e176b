from django.db import models


class Meter(models.Model):
    ean = models.CharField(max_length=18, unique=True)
    active = models.BooleanField(default=True)
    owner_email = models.EmailField(blank=True)


class Reading(models.Model):
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="readings")
    day = models.DateField()
    kwh = models.DecimalField(max_digits=10, decimal_places=3)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meter", "day"], name="one_reading_per_meter_day")]


class UsageAlert(models.Model):
    """A day on which a meter used more than its owner's threshold."""

    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="alerts")
    day = models.DateField()
    kwh = models.DecimalField(max_digits=10, decimal_places=3)
    owner_email_sent_at = models.DateTimeField(null=True, blank=True)
