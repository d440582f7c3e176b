from datetime import time

from django.db import models


class Location(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100)
    address = models.TextField(blank=True)
    opens_at = models.TimeField(default=time(7, 0))
    closes_at = models.TimeField(default=time(22, 0))
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Desk(models.Model):
    class Kind(models.TextChoices):
        HOT = "hot", "Hot desk"
        FIXED = "fixed", "Fixed desk"
        OFFICE = "office", "Private office"
        ROOM = "room", "Meeting room"

    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="desks")
    label = models.CharField(max_length=20)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.HOT)
    seats = models.PositiveSmallIntegerField(default=1)
    hourly_rate = models.DecimalField(max_digits=7, decimal_places=2)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["location__code", "label"]
        constraints = [
            models.UniqueConstraint(fields=["location", "label"], name="unique_desk_label_per_location"),
        ]

    def __str__(self):
        return f"{self.location.code}/{self.label}"


class Company(models.Model):
    """The billing party. Freelancers get a one-person company of their own."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    billing_email = models.EmailField()
    vat_number = models.CharField(max_length=20, blank=True)
    payment_terms_days = models.PositiveSmallIntegerField(default=14)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self):
        return self.name


class Member(models.Model):
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(max_length=120)
    email = models.EmailField(unique=True)
    home_location = models.ForeignKey(Location, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    joined_on = models.DateField()
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
