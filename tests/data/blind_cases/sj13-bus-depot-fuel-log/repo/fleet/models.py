from django.db import models


class FuelType(models.TextChoices):
    DIESEL = "D", "Diesel"
    ADBLUE = "A", "AdBlue"
    HVO = "H", "HVO100"


class Depot(models.Model):
    code = models.CharField(max_length=12, unique=True, help_text="as used in pump log file names, e.g. NORTH")
    name = models.CharField(max_length=80)

    def __str__(self):
        return self.name


class Bus(models.Model):
    fleet_number = models.CharField(max_length=8, unique=True)
    registration = models.CharField(max_length=12, blank=True)
    depot = models.ForeignKey(Depot, related_name="buses", on_delete=models.PROTECT)
    model_name = models.CharField(max_length=60, blank=True)
    tank_capacity_l = models.PositiveIntegerField(default=300)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "buses"
        ordering = ["fleet_number"]

    def __str__(self):
        return f"{self.fleet_number} ({self.registration})" if self.registration else self.fleet_number


class Pump(models.Model):
    depot = models.ForeignKey(Depot, related_name="pumps", on_delete=models.CASCADE)
    code = models.CharField(max_length=8, help_text="controller id, e.g. P03")
    fuel_type = models.CharField(max_length=1, choices=FuelType.choices, default=FuelType.DIESEL)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["depot", "code"], name="uniq_pump_per_depot")]

    def __str__(self):
        return f"{self.depot.code}/{self.code}"
