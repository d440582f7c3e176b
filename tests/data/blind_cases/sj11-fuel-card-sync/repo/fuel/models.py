from django.db import models

from fleet.models import FuelCard, Vehicle


class FuelTransaction(models.Model):
    """One purchase on a fuel card, as reported by the provider."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked to vehicle"
        UNKNOWN_CARD = "unknown_card", "Unknown or cancelled card"

    class Product(models.TextChoices):
        DIESEL = "diesel", "Diesel"
        PETROL = "petrol", "Petrol"
        ADBLUE = "adblue", "AdBlue"
        OTHER = "other", "Other / shop"

    provider_txn_id = models.CharField(max_length=40, unique=True)
    sequence = models.BigIntegerField(help_text="provider feed position")
    card_number = models.CharField(max_length=19, db_index=True)
    card = models.ForeignKey(FuelCard, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="transactions")
    vehicle = models.ForeignKey(Vehicle, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="fuel_transactions")
    status = models.CharField(max_length=16, choices=Status.choices)
    occurred_at = models.DateTimeField(db_index=True)
    site_name = models.CharField(max_length=120, blank=True)
    product = models.CharField(max_length=8, choices=Product.choices)
    litres = models.DecimalField(max_digits=7, decimal_places=2)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    currency = models.CharField(max_length=3, default="GBP")
    odometer_km = models.PositiveIntegerField(null=True, blank=True)
    booked_at = models.DateTimeField(null=True, blank=True)
    anomaly = models.CharField(max_length=100, blank=True)
    anomaly_checked_at = models.DateTimeField(null=True, blank=True)
    raw = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["status", "occurred_at"])]

    def __str__(self):
        return f"{self.provider_txn_id} {self.litres}l {self.amount} {self.currency}"


class SyncCursor(models.Model):
    """How far we have read a provider feed. Survives restarts of the scheduler."""

    name = models.CharField(max_length=50, unique=True)
    position = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.name} @ {self.position}"
