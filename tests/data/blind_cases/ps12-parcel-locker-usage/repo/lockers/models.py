from django.db import models

from carriers.models import Carrier


class Locker(models.Model):
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=120)
    city = models.CharField(max_length=60)
    address = models.CharField(max_length=255, blank=True)
    compartments = models.PositiveIntegerField(help_text="total compartments in the unit")
    active = models.BooleanField(default=True)
    installed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Allocation(models.Model):
    """How many compartments of a locker a carrier rents."""

    carrier = models.ForeignKey(Carrier, related_name="allocations", on_delete=models.CASCADE)
    locker = models.ForeignKey(Locker, related_name="allocations", on_delete=models.CASCADE)
    compartments = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["carrier", "locker"], name="one_allocation_per_locker")]

    def __str__(self):
        return f"{self.carrier.code} @ {self.locker.code}: {self.compartments}"


class Parcel(models.Model):
    class Size(models.TextChoices):
        SMALL = "S", "small"
        MEDIUM = "M", "medium"
        LARGE = "L", "large"

    carrier = models.ForeignKey(Carrier, related_name="parcels", on_delete=models.PROTECT)
    locker = models.ForeignKey(Locker, related_name="parcels", on_delete=models.PROTECT)
    barcode = models.CharField(max_length=40)
    size = models.CharField(max_length=1, choices=Size.choices, default=Size.MEDIUM)
    deposited_at = models.DateTimeField()
    collected_at = models.DateTimeField(null=True, blank=True)
    returned = models.BooleanField(default=False, help_text="taken back by the courier instead of the recipient")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["carrier", "barcode"], name="unique_barcode_per_carrier")]
        indexes = [models.Index(fields=["carrier", "deposited_at"])]

    def __str__(self):
        return f"{self.carrier.code}:{self.barcode}"

    @property
    def in_locker(self):
        return self.collected_at is None


class LockerUsage(models.Model):
    """One carrier's use of one locker on one (local) day. Written by the nightly usage job."""

    carrier = models.ForeignKey(Carrier, related_name="usage", on_delete=models.CASCADE)
    locker = models.ForeignKey(Locker, related_name="usage", on_delete=models.CASCADE)
    day = models.DateField()
    compartments = models.PositiveIntegerField()
    deposits = models.PositiveIntegerField(default=0)
    occupied_hours = models.FloatField(default=0)
    held_over = models.PositiveIntegerField(default=0, help_text="parcels still in the locker at midnight")
    utilisation = models.FloatField(default=0, help_text="occupied compartment-hours / allocated compartment-hours")
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["carrier", "locker", "day"], name="one_usage_row_per_day")]
        ordering = ["day", "carrier", "locker"]

    def __str__(self):
        return f"{self.day} {self.carrier.code} {self.locker.code}: {self.utilisation:.1%}"


class DwellAlert(models.Model):
    parcel = models.OneToOneField(Parcel, related_name="dwell_alert", on_delete=models.CASCADE)
    raised_at = models.DateTimeField()
    age_hours = models.FloatField()
    resolved = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.parcel} ({self.age_hours:.0f}h)"
