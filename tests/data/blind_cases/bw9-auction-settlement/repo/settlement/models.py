from decimal import Decimal

from django.db import models

from catalogue.models import Bidder, Consignor, Lot, Sale

ZERO = Decimal("0.00")


def money(**kwargs):
    return models.DecimalField(max_digits=14, decimal_places=2, default=ZERO, **kwargs)


class BuyerInvoice(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", "Issued"
        PAID = "paid", "Paid"
        CANCELLED = "cancelled", "Cancelled"

    sale = models.ForeignKey(Sale, on_delete=models.PROTECT, related_name="invoices")
    bidder = models.ForeignKey(Bidder, on_delete=models.PROTECT, related_name="invoices")
    number = models.CharField(max_length=40, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ISSUED)
    hammer_total = money()
    premium_total = money()
    vat_total = money()
    total = money()
    issued_at = models.DateTimeField()
    due_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sale", "number"]
        constraints = [models.UniqueConstraint(fields=["sale", "bidder"], name="one_invoice_per_buyer_per_sale")]

    def __str__(self):
        return self.number


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(BuyerInvoice, on_delete=models.CASCADE, related_name="lines")
    lot = models.OneToOneField(Lot, on_delete=models.PROTECT, related_name="invoice_line")
    hammer = money()
    premium = money()
    vat = money()

    class Meta:
        ordering = ["invoice", "lot__number"]

    @property
    def total(self):
        return self.hammer + self.premium + self.vat


class ConsignorStatement(models.Model):
    sale = models.ForeignKey(Sale, on_delete=models.PROTECT, related_name="statements")
    consignor = models.ForeignKey(Consignor, on_delete=models.PROTECT, related_name="statements")
    number = models.CharField(max_length=40, unique=True)
    lots_sold = models.PositiveIntegerField(default=0)
    lots_passed = models.PositiveIntegerField(default=0)
    hammer_total = money()
    commission = money()
    net_payable = money()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sale", "number"]
        constraints = [
            models.UniqueConstraint(fields=["sale", "consignor"], name="one_statement_per_consignor_per_sale")
        ]

    def __str__(self):
        return self.number


class StatementLine(models.Model):
    class Outcome(models.TextChoices):
        SOLD = "sold", "Sold"
        PASSED = "passed", "Passed"

    statement = models.ForeignKey(ConsignorStatement, on_delete=models.CASCADE, related_name="lines")
    lot = models.OneToOneField(Lot, on_delete=models.PROTECT, related_name="statement_line")
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    hammer = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    commission = money()
    bids_received = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["statement", "lot__number"]
