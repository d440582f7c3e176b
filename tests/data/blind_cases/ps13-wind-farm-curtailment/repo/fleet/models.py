from django.db import models


class WindFarm(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=120)
    grid_operator = models.CharField(max_length=60, help_text="TSO/DSO that issues curtailment orders")
    connection_point = models.CharField(max_length=60, blank=True)
    capacity_kw = models.PositiveIntegerField()

    def __str__(self):
        return self.name


class TurbineModel(models.Model):
    code = models.CharField(max_length=32, unique=True, help_text="e.g. V117-3.45")
    manufacturer = models.CharField(max_length=60)
    rated_kw = models.PositiveIntegerField()
    cut_in_ms = models.FloatField(default=3.0)
    cut_out_ms = models.FloatField(default=25.0)

    def __str__(self):
        return self.code


class PowerCurvePoint(models.Model):
    """One point of the warranted power curve (standard air density)."""

    turbine_model = models.ForeignKey(TurbineModel, related_name="curve", on_delete=models.CASCADE)
    wind_speed_ms = models.FloatField()
    power_kw = models.FloatField()

    class Meta:
        ordering = ["turbine_model", "wind_speed_ms"]
        constraints = [models.UniqueConstraint(fields=["turbine_model", "wind_speed_ms"], name="uniq_curve_point")]


class Turbine(models.Model):
    farm = models.ForeignKey(WindFarm, related_name="turbines", on_delete=models.PROTECT)
    model = models.ForeignKey(TurbineModel, related_name="turbines", on_delete=models.PROTECT)
    code = models.CharField(max_length=16, help_text="position in the farm, e.g. WTG07")
    scada_tag = models.CharField(max_length=32, unique=True, help_text="turbine id in the SCADA export")
    commissioned_on = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["farm", "code"]
        constraints = [models.UniqueConstraint(fields=["farm", "code"], name="uniq_turbine_code")]

    def __str__(self):
        return f"{self.farm.code}-{self.code}"
