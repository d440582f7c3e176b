from decimal import Decimal

from django.db import models
from django.utils import timezone


class Patron(models.Model):
    card_number = models.CharField(max_length=14, unique=True)
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    home_branch = models.ForeignKey("catalog.Branch", on_delete=models.PROTECT, related_name="patrons")
    balance = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0"))
    blocked = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.card_number} {self.name}"


class Loan(models.Model):
    copy = models.ForeignKey("catalog.Copy", on_delete=models.PROTECT, related_name="loans")
    patron = models.ForeignKey(Patron, on_delete=models.PROTECT, related_name="loans")
    branch = models.ForeignKey("catalog.Branch", on_delete=models.PROTECT, related_name="loans")
    checked_out_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    returned_at = models.DateTimeField(null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["due_on"], condition=models.Q(returned_at__isnull=True),
                                name="open_loans_due_idx")]


class FineCharge(models.Model):
    """One day's overdue fine for one loan."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="fine_charges")
    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="fine_charges")
    day = models.DateField()
    amount = models.DecimalField(max_digits=6, decimal_places=2)
    waived = models.BooleanField(default=False)

    class Meta:
        unique_together = [("loan", "day")]


class Hold(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        READY = "ready", "Ready for pickup"
        FULFILLED = "fulfilled", "Fulfilled"
        EXPIRED = "expired", "Expired"

    title = models.ForeignKey("catalog.Title", on_delete=models.CASCADE, related_name="holds")
    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="holds")
    pickup_branch = models.ForeignKey("catalog.Branch", on_delete=models.PROTECT, related_name="holds")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    placed_at = models.DateTimeField(default=timezone.now)
    ready_until = models.DateTimeField(null=True, blank=True)
