from decimal import Decimal

from django.db import models
from django.utils import timezone


class Farmer(models.Model):
    member_no = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    bank_account = models.CharField(max_length=34, blank=True, help_text="transit-institution-account")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["member_no"]

    def __str__(self):
        return f"{self.name} ({self.member_no})"


class Silo(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=80)
    capacity_tonnes = models.PositiveIntegerField()

    def __str__(self):
        return self.name


class Crop(models.Model):
    """Receival standards for one commodity."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=40)
    base_moisture_pct = models.DecimalField(max_digits=4, decimal_places=1,
                                            help_text="deliveries at or below this moisture are dry")
    shrink_pct_per_point = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1.20"),
                                               help_text="weight shrink per moisture point above base")
    drying_rate = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("0"),
                                      help_text="$ per wet tonne per moisture point above base")
    levy_per_tonne = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("0"),
                                         help_text="commission check-off, $ per clean tonne")
    price_per_tonne = models.DecimalField(max_digits=8, decimal_places=2,
                                          help_text="current co-op price for clean grain")

    def __str__(self):
        return self.name


class Delivery(models.Model):
    """One weighbridge ticket."""

    ticket_no = models.CharField(max_length=16, unique=True)
    farmer = models.ForeignKey(Farmer, related_name="deliveries", on_delete=models.PROTECT)
    silo = models.ForeignKey(Silo, related_name="deliveries", on_delete=models.PROTECT)
    crop = models.ForeignKey(Crop, related_name="deliveries", on_delete=models.PROTECT)
    delivered_at = models.DateTimeField(default=timezone.now)
    gross_kg = models.PositiveIntegerField()
    tare_kg = models.PositiveIntegerField()
    moisture_pct = models.DecimalField(max_digits=4, decimal_places=1)
    dockage_pct = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal("0"))
    docket_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["delivered_at"]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"ticket {self.ticket_no}"

    @property
    def net_kg(self):
        return self.gross_kg - self.tare_kg


class PriceNotice(models.Model):
    crop = models.ForeignKey(Crop, related_name="price_notices", on_delete=models.CASCADE)
    price_per_tonne = models.DecimalField(max_digits=8, decimal_places=2)
    effective_on = models.DateField()
    recipients = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-effective_on"]

    def __str__(self):
        return f"{self.crop} {self.price_per_tonne}/t from {self.effective_on}"
