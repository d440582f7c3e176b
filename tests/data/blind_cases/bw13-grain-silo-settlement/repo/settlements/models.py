from decimal import Decimal

from django.db import models
from django.utils import timezone


class Settlement(models.Model):
    """What the co-op owes one farmer for one crop delivered in one period."""

    class Status(models.TextChoices):
        DRAFT = "draft"
        APPROVED = "approved"

    number = models.CharField(max_length=20, unique=True)
    farmer = models.ForeignKey("intake.Farmer", related_name="settlements", on_delete=models.PROTECT)
    crop = models.ForeignKey("intake.Crop", related_name="settlements", on_delete=models.PROTECT)
    period_start = models.DateField()
    period_end = models.DateField()
    deliveries = models.ManyToManyField("intake.Delivery", related_name="settlements")
    price_per_tonne = models.DecimalField(max_digits=8, decimal_places=2)
    delivered_tonnes = models.DecimalField(max_digits=10, decimal_places=3, default=Decimal("0"))
    clean_tonnes = models.DecimalField(max_digits=10, decimal_places=3, default=Decimal("0"))
    gross_amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    deductions_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    net_payable = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-period_start", "number"]

    def __str__(self):
        return self.number


class Deduction(models.Model):
    class Code(models.TextChoices):
        DRYING = "DRY", "Drying charge"
        LEVY = "LEVY", "Commission levy"
        FREIGHT = "FRT", "Freight"
        OTHER = "OTH", "Other"

    settlement = models.ForeignKey(Settlement, related_name="deductions", on_delete=models.CASCADE)
    code = models.CharField(max_length=4, choices=Code.choices)
    description = models.CharField(max_length=120)
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.code} {self.amount}"


class Statement(models.Model):
    settlement = models.OneToOneField(Settlement, related_name="statement", on_delete=models.CASCADE)
    emailed_to = models.EmailField(blank=True)
    deductions_total = models.DecimalField(max_digits=12, decimal_places=2)
    net_payable = models.DecimalField(max_digits=12, decimal_places=2)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"statement for {self.settlement_id}"
