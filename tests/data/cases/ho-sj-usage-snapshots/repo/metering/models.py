from django.db import models


class Meter(models.Model):
    serial = models.CharField(max_length=20, unique=True)
    customer_ref = models.CharField(max_length=20)
    active = models.BooleanField(default=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.serial


class Reading(models.Model):
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="readings")
    taken_at = models.DateTimeField()
    kwh = models.DecimalField(max_digits=10, decimal_places=3)

    class Meta:
        ordering = ["taken_at"]


class UsageSnapshot(models.Model):
    """One row per meter and local day: the energy used that day (built nightly)."""
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="snapshots")
    day = models.DateField()
    kwh = models.DecimalField(max_digits=12, decimal_places=3)
    readings = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["day"]
