import uuid
from decimal import Decimal

from django.db import models


class Branch(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name_plural = "branches"

    def __str__(self):
        return self.name


class Tool(models.Model):
    class Category(models.TextChoices):
        POWER = "power", "Power tools"
        ACCESS = "access", "Access & ladders"
        GARDEN = "garden", "Garden"
        PLANT = "plant", "Plant & heavy"
        CLEANING = "cleaning", "Cleaning"

    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="tools")
    sku = models.CharField(max_length=32)
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=16, choices=Category.choices, default=Category.POWER)
    day_rate = models.DecimalField(max_digits=8, decimal_places=2)
    deposit = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0.00"))
    stock = models.PositiveIntegerField(default=1)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["branch", "sku"], name="uniq_tool_sku_per_branch")]
        ordering = ["branch", "sku"]

    def __str__(self):
        return f"{self.sku} {self.name}"


class Customer(models.Model):
    class Account(models.TextChoices):
        RETAIL = "retail", "Retail"
        TRADE = "trade", "Trade account"

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    account = models.CharField(max_length=8, choices=Account.choices, default=Account.RETAIL)
    trade_discount_percent = models.PositiveSmallIntegerField(default=0)

    def __str__(self):
        return self.name


class Rental(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        OUT = "out", "Out on hire"
        RETURNED = "returned", "Returned, awaiting settlement"
        SETTLED = "settled", "Settled"
        CANCELLED = "cancelled", "Cancelled"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="rentals")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="rentals")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    pickup_at = models.DateTimeField()
    due_at = models.DateTimeField()
    picked_up_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.CharField(max_length=80, blank=True)
    hire_paid = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0.00"))
    deposit_held = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0.00"))
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-pickup_at"]

    def __str__(self):
        return f"rental {self.pk} ({self.customer})"

    @property
    def short_ref(self):
        return self.reference.hex[:8].upper()


class RentalLine(models.Model):
    rental = models.ForeignKey(Rental, on_delete=models.CASCADE, related_name="lines")
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(default=1)
    day_rate = models.DecimalField(max_digits=8, decimal_places=2)

    def __str__(self):
        return f"{self.quantity} x {self.tool.name}"


class DamageReport(models.Model):
    rental = models.ForeignKey(Rental, on_delete=models.CASCADE, related_name="damage_reports")
    line = models.ForeignKey(RentalLine, on_delete=models.CASCADE, related_name="damage_reports")
    fee = models.DecimalField(max_digits=8, decimal_places=2)
    note = models.TextField(blank=True)
    reported_by = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
