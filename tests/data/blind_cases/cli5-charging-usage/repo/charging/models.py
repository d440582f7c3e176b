from decimal import Decimal

from django.db import models
from django.utils import timezone

from .querysets import SessionManager


class ChargingSession(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active"
        COMPLETED = "completed"
        FAILED = "failed", "failed to start"
        TIMED_OUT = "timed_out", "closed by timeout"

    transaction_id = models.CharField(max_length=40, unique=True, help_text="OCPP transaction id")
    charger = models.ForeignKey("network.Charger", related_name="sessions", on_delete=models.PROTECT)
    id_tag = models.CharField(max_length=40, help_text="RFID card or app token")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    plugged_out_at = models.DateTimeField(null=True, blank=True)
    last_meter_at = models.DateTimeField(default=timezone.now)
    energy_wh = models.PositiveIntegerField(default=0)
    energy_amount = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0.00"))
    idle_fee = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0.00"))

    objects = SessionManager()

    class Meta:
        indexes = [models.Index(fields=["ended_at"]), models.Index(fields=["status", "last_meter_at"])]

    def __str__(self):
        return f"{self.transaction_id} on {self.charger}"

    @property
    def energy_kwh(self):
        return (Decimal(self.energy_wh) / 1000).quantize(Decimal("0.001"))

    @property
    def total(self):
        return self.energy_amount + self.idle_fee
