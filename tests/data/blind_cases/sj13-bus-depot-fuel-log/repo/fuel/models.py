from django.db import models

from fleet.models import Bus, Depot, FuelType, Pump


class FuelLogFile(models.Model):
    """One pump controller log file that has been imported."""

    name = models.CharField(max_length=120)
    sha256 = models.CharField(max_length=64, unique=True)
    depot = models.ForeignKey(Depot, related_name="log_files", on_delete=models.PROTECT)
    log_date = models.DateField()
    imported_at = models.DateTimeField(auto_now_add=True)
    line_count = models.PositiveIntegerField(default=0)
    unmatched_buses = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-log_date", "name"]

    def __str__(self):
        return self.name


class FuelTransaction(models.Model):
    log_file = models.ForeignKey(FuelLogFile, related_name="transactions", on_delete=models.CASCADE)
    pump = models.ForeignKey(Pump, related_name="transactions", on_delete=models.PROTECT)
    bus = models.ForeignKey(Bus, related_name="fuel_transactions", null=True, blank=True,
                            on_delete=models.SET_NULL)
    fleet_number_raw = models.CharField(max_length=16, help_text="as keyed in at the pump")
    dispensed_at = models.DateTimeField()
    litres = models.DecimalField(max_digits=7, decimal_places=2)
    fuel_type = models.CharField(max_length=1, choices=FuelType.choices)
    card_id = models.CharField(max_length=24, blank=True)
    odometer_km = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["dispensed_at"]
        constraints = [
            models.UniqueConstraint(fields=["pump", "dispensed_at"], name="uniq_pump_dispense"),
        ]

    def __str__(self):
        return f"{self.fleet_number_raw} {self.litres} l @ {self.pump}"
