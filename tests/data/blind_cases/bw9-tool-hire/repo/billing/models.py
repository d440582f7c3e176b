import uuid
from decimal import Decimal

from django.db import models


class Invoice(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", "Issued"
        PAID = "paid", "Paid"
        VOID = "void", "Void"

    rental = models.OneToOneField("hire.Rental", on_delete=models.PROTECT, related_name="invoice")
    number = models.CharField(max_length=20, unique=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ISSUED)
    extras_total = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0.00"))
    deposit_applied = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0.00"))
    refund_due = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0.00"))
    balance_due = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0.00"))
    issued_at = models.DateTimeField()

    def __str__(self):
        return self.number


class InvoiceLine(models.Model):
    class Kind(models.TextChoices):
        LATE = "late", "Late return"
        DAMAGE = "damage", "Damage"
        CLEANING = "cleaning", "Cleaning"

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.CharField(max_length=255)
    amount = models.DecimalField(max_digits=9, decimal_places=2)

    class Meta:
        ordering = ["pk"]


class DepositRefund(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    rental = models.ForeignKey("hire.Rental", on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True)
    requested_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    gateway_ref = models.CharField(max_length=64, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
