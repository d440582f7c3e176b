from django.db import models

from members.models import Farm


class Tanker(models.Model):
    code = models.CharField(max_length=6, unique=True, help_text="file name of its daily upload, e.g. T07")
    registration = models.CharField(max_length=12)
    tablet_firmware = models.CharField(max_length=20, blank=True)

    def __str__(self):
        return self.code


class DailyMilkSupply(models.Model):
    farm = models.ForeignKey(Farm, related_name="daily_supply", on_delete=models.PROTECT)
    day = models.DateField()
    pickups = models.PositiveSmallIntegerField()
    litres = models.DecimalField(max_digits=9, decimal_places=1)
    fat_kg = models.DecimalField(max_digits=8, decimal_places=2)
    protein_kg = models.DecimalField(max_digits=8, decimal_places=2)
    max_temp_c = models.DecimalField(max_digits=4, decimal_places=1)
    mean_scc = models.PositiveIntegerField(help_text="thousand cells/ml")
    amount = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["farm", "day"], name="one_supply_row_per_farm_day")]


class WarmTankAlert(models.Model):
    farm = models.ForeignKey(Farm, related_name="warm_tank_alerts", on_delete=models.CASCADE)
    tanker = models.ForeignKey(Tanker, on_delete=models.PROTECT)
    temp_c = models.DecimalField(max_digits=4, decimal_places=1)
    reported_at = models.DateTimeField()
    sms_sent = models.BooleanField(default=False)
