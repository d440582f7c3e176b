from decimal import Decimal

from django.db import models
from django.db.models import Sum


class Invoice(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued"
        PAID = "paid"
        SUPERSEDED = "superseded"
        VOID = "void"

    number = models.CharField(max_length=20, unique=True)
    assignment = models.ForeignKey("harbour.MooringAssignment", related_name="invoices", on_delete=models.PROTECT)
    season = models.ForeignKey("harbour.Season", related_name="invoices", on_delete=models.PROTECT)
    holder_name = models.CharField(max_length=120)
    holder_email = models.EmailField()
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    credit = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0.00"),
                                 help_text="paid on earlier invoices this one replaces")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ISSUED)
    issued_at = models.DateTimeField()
    due_on = models.DateField()
    paid_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey("self", null=True, blank=True, related_name="replaces",
                                      on_delete=models.SET_NULL)
    last_reminder_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    LIVE = (Status.ISSUED, Status.PAID)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.number

    @property
    def paid_total(self):
        received = self.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
        return self.credit + received

    @property
    def balance(self):
        return self.amount - self.paid_total

    @property
    def is_paid(self):
        return self.status == self.Status.PAID


class Payment(models.Model):
    class Method(models.TextChoices):
        CARD = "card"
        TRANSFER = "transfer"
        CASH = "cash"

    invoice = models.ForeignKey(Invoice, related_name="payments", on_delete=models.PROTECT)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.TRANSFER)
    reference = models.CharField(max_length=60, blank=True)
    received_at = models.DateTimeField()

    def __str__(self):
        return f"{self.amount} on {self.invoice}"
