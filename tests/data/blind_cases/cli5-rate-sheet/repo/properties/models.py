from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models


class Property(models.Model):
    class Kind(models.TextChoices):
        HOSTEL = "hostel"
        HOTEL = "hotel"

    code = models.CharField(max_length=8, unique=True, help_text="short code used in rate sheets, e.g. LIS1")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.HOSTEL)
    city = models.CharField(max_length=80)
    channel_property_id = models.CharField(max_length=32, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "properties"

    def __str__(self):
        return f"{self.code} {self.name}"


class RoomType(models.Model):
    property = models.ForeignKey(Property, related_name="room_types", on_delete=models.CASCADE)
    code = models.CharField(max_length=10, help_text="e.g. DBL, TWN, DORM6")
    name = models.CharField(max_length=120)
    max_occupancy = models.PositiveSmallIntegerField(default=2)
    is_dorm_bed = models.BooleanField(default=False, help_text="rate is per bed, not per room")
    rate_floor = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("10.00"))
    rate_ceiling = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("900.00"))
    channel_room_id = models.CharField(max_length=32, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["property", "code"]
        constraints = [models.UniqueConstraint(fields=["property", "code"], name="uniq_room_type_code")]

    def __str__(self):
        return f"{self.property.code}/{self.code}"

    def clean(self):
        if self.rate_floor > self.rate_ceiling:
            raise ValidationError("rate floor is above the ceiling")

    def accepts(self, amount):
        return self.rate_floor <= amount <= self.rate_ceiling
