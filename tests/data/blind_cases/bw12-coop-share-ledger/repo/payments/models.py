from django.db import models


class BankTransaction(models.Model):
    """One incoming credit line from the co-op's bank account statement."""

    class Status(models.TextChoices):
        NEW = "new"
        MATCHED = "matched"
        APPLYING = "applying"
        APPLIED = "applied"
        UNMATCHED = "unmatched", "needs review"
        IGNORED = "ignored"

    class Purpose(models.TextChoices):
        SHARES = "shares"
        SHOPPING = "shopping", "shopping credit"
        UNKNOWN = "unknown"

    bank_id = models.CharField(max_length=64, unique=True, help_text="transaction id from the bank export")
    booked_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    counterparty_name = models.CharField(max_length=140, blank=True)
    counterparty_iban = models.CharField(max_length=34, blank=True)
    remittance_info = models.CharField(max_length=140, blank=True)
    member = models.ForeignKey("members.Member", null=True, blank=True, related_name="bank_transactions",
                               on_delete=models.SET_NULL)
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.UNKNOWN)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    error = models.CharField(max_length=255, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["booked_on", "pk"]

    def __str__(self):
        return f"{self.bank_id} {self.amount} {self.currency} ({self.status})"
