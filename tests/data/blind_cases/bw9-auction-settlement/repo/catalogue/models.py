from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone


class Consignor(models.Model):
    """Someone who puts lots into a sale; paid the hammer price minus our commission."""

    account_code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    commission_rate = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal("0.150"))

    class Meta:
        ordering = ["account_code"]

    def __str__(self):
        return f"{self.account_code} {self.name}"


class Bidder(models.Model):
    paddle = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    country = models.CharField(max_length=2, default="GB")
    vat_exempt = models.BooleanField(default=False, help_text="Export buyers: no VAT on the premium.")
    blocked = models.BooleanField(default=False, help_text="Bids of blocked bidders are ignored.")

    class Meta:
        ordering = ["paddle"]

    def __str__(self):
        return f"#{self.paddle} {self.name}"


class Sale(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for bidding"
        CLOSED = "closed", "Closed"
        SETTLED = "settled", "Settled"

    class PremiumSchedule(models.TextChoices):
        STANDARD = "standard", "Standard"
        CHARITY = "charity", "Charity"

    code = models.SlugField(max_length=32, unique=True)
    title = models.CharField(max_length=200)
    currency = models.CharField(max_length=3, default="GBP")
    premium_schedule = models.CharField(
        max_length=16, choices=PremiumSchedule.choices, default=PremiumSchedule.STANDARD
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-closes_at"]

    def __str__(self):
        return self.code

    @property
    def is_open(self):
        now = timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at


class Lot(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        SOLD = "sold", "Sold"
        PASSED = "passed", "Passed (unsold)"
        WITHDRAWN = "withdrawn", "Withdrawn"

    sale = models.ForeignKey(Sale, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    consignor = models.ForeignKey(Consignor, on_delete=models.PROTECT, related_name="lots")
    reserve = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    low_estimate = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    high_estimate = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    hammer_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    buyer = models.ForeignKey(Bidder, on_delete=models.PROTECT, null=True, blank=True, related_name="purchases")
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["sale", "number"]
        constraints = [models.UniqueConstraint(fields=["sale", "number"], name="lot_number_unique_per_sale")]

    def __str__(self):
        return f"{self.sale.code} lot {self.number}"


class Bid(models.Model):
    class Source(models.TextChoices):
        FLOOR = "floor", "Floor"
        ONLINE = "online", "Online"
        ABSENTEE = "absentee", "Absentee (commission bid)"
        PHONE = "phone", "Telephone"

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="bids")
    bidder = models.ForeignKey(Bidder, on_delete=models.PROTECT, related_name="bids")
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("1"))])
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.ONLINE)
    placed_at = models.DateTimeField(default=timezone.now)
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["lot", "-amount", "placed_at"]
        indexes = [models.Index(fields=["lot", "-amount"], name="bid_lot_amount_idx")]

    def __str__(self):
        return f"{self.amount} by {self.bidder_id} on lot {self.lot_id}"

    @property
    def is_void(self):
        return self.voided_at is not None
