from django.db import models
from django.utils import timezone


class CurtailmentReason(models.TextChoices):
    REDISPATCH = "redispatch", "Grid congestion (redispatch)"
    SYSTEM_SECURITY = "security", "System security"
    NEGATIVE_PRICE = "neg_price", "Negative prices"


class CurtailmentOrder(models.Model):
    """A set-point limit the grid operator imposed on a farm for a period."""

    farm = models.ForeignKey("fleet.WindFarm", related_name="curtailment_orders", on_delete=models.PROTECT)
    order_ref = models.CharField(max_length=40, unique=True, help_text="grid operator's reference")
    reason = models.CharField(max_length=12, choices=CurtailmentReason.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    setpoint_kw = models.PositiveIntegerField(null=True, blank=True, help_text="empty: full stop")
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["farm", "starts_at"])]

    def __str__(self):
        return f"{self.order_ref} {self.farm.code} {self.starts_at:%Y-%m-%d %H:%M}-{self.ends_at:%H:%M}"


class CompensationTariff(models.Model):
    """Contractual compensation per MWh of curtailed energy."""

    farm = models.ForeignKey("fleet.WindFarm", related_name="tariffs", on_delete=models.CASCADE)
    reason = models.CharField(max_length=12, choices=CurtailmentReason.choices)
    rate_eur_per_mwh = models.DecimalField(max_digits=8, decimal_places=2)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    contract_ref = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["farm", "reason", "valid_from"]

    def __str__(self):
        return f"{self.farm.code} {self.reason} {self.rate_eur_per_mwh} EUR/MWh from {self.valid_from}"


class CurtailmentLoss(models.Model):
    """Energy a turbine could not produce on one day because of curtailment orders."""

    turbine = models.ForeignKey("fleet.Turbine", related_name="curtailment_losses", on_delete=models.CASCADE)
    day = models.DateField()
    reason = models.CharField(max_length=12, choices=CurtailmentReason.choices)
    curtailed_minutes = models.PositiveIntegerField()
    lost_kwh = models.FloatField()
    compensation_eur = models.DecimalField(max_digits=12, decimal_places=2)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["day", "turbine"]
        constraints = [models.UniqueConstraint(fields=["turbine", "day", "reason"], name="uniq_loss_per_day")]


class StatusCode(models.Model):
    class Category(models.TextChoices):
        AVAILABLE = "available"
        CURTAILED = "curtailed"
        WEATHER = "weather"
        MAINTENANCE = "maintenance"
        FAULT = "fault"

    code = models.PositiveIntegerField(unique=True)
    description = models.CharField(max_length=120)
    category = models.CharField(max_length=12, choices=Category.choices)

    def __str__(self):
        return f"{self.code} {self.description}"


class TurbineAvailability(models.Model):
    turbine = models.ForeignKey("fleet.Turbine", related_name="availability", on_delete=models.CASCADE)
    day = models.DateField()
    available_minutes = models.PositiveIntegerField()
    unavailable_minutes = models.PositiveIntegerField()
    availability_pct = models.FloatField()

    class Meta:
        ordering = ["day", "turbine"]
        constraints = [models.UniqueConstraint(fields=["turbine", "day"], name="uniq_availability_per_day")]
