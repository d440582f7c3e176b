from django.db import models

from members.models import Member, Store


class PointsRun(models.Model):
    """One nightly award_points run for a business day."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"
        REVERSED = "reversed", "Reversed"

    business_date = models.DateField(unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    receipts_path = models.CharField(max_length=255)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    receipts_seen = models.IntegerField(default=0)
    members_credited = models.IntegerField(default=0)
    points_awarded = models.IntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-business_date"]

    def __str__(self):
        return f"points run {self.business_date} ({self.status})"


class PointsLedger(models.Model):
    class Kind(models.TextChoices):
        PURCHASE = "purchase", "Purchases"
        EXPIRY = "expiry", "Expiry"
        ADJUSTMENT = "adjustment", "Manual adjustment"
        REVERSAL = "reversal", "Run reversal"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="ledger")
    run = models.ForeignKey(PointsRun, null=True, blank=True, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    business_date = models.DateField()
    points = models.IntegerField()
    receipts = models.IntegerField(default=0)
    spend = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-business_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "member"],
                condition=models.Q(kind="purchase"),
                name="one_purchase_entry_per_member_per_run",
            ),
        ]

    def __str__(self):
        return f"{self.member_id} {self.kind} {self.points:+d} ({self.business_date})"


class StoreDailySales(models.Model):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="daily_sales")
    business_date = models.DateField()
    receipts = models.IntegerField()
    member_receipts = models.IntegerField()
    revenue = models.DecimalField(max_digits=12, decimal_places=2)
    member_revenue = models.DecimalField(max_digits=12, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-business_date", "store__code"]
        constraints = [
            models.UniqueConstraint(fields=["store", "business_date"], name="one_sales_row_per_store_day"),
        ]

    @property
    def member_share(self):
        return (self.member_revenue / self.revenue) if self.revenue else 0
