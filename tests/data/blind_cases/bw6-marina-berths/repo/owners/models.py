from decimal import Decimal

from django.db import models


class Owner(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField(unique=True)
    phone = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class Boat(models.Model):
    class Kind(models.TextChoices):
        SAIL = "sail", "Sailing yacht"
        MOTOR = "motor", "Motor boat"
        MULTIHULL = "multihull", "Catamaran / trimaran"

    owner = models.ForeignKey(Owner, related_name="boats", on_delete=models.CASCADE)
    name = models.CharField(max_length=60)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SAIL)
    model = models.CharField(max_length=80, blank=True)
    length_m = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal("10.0"))
    needs_shore_power = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    insurance_valid_until = models.DateField(null=True, blank=True)
    registration_valid_until = models.DateField(null=True, blank=True)
    document_reminder_sent_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["owner", "name"]

    def __str__(self):
        return f"{self.name} ({self.owner})"

    def berth_class(self):
        """Which kind of berth the boat needs (see berths.models.Berth.Size)."""
        if self.kind == self.Kind.MULTIHULL:
            return "multihull"
        if self.length_m < Decimal("8"):
            return "small"
        if self.length_m < Decimal("12"):
            return "medium"
        return "large"

    def documents_valid_through(self, day):
        """True when every document we require is valid up to and including ``day``."""
        required = [self.insurance_valid_until]
        if self.kind == self.Kind.MOTOR:
            required.append(self.registration_valid_until)
        return all(valid is not None and valid >= day for valid in required)

    def first_expiring_document(self):
        dates = [d for d in (self.insurance_valid_until, self.registration_valid_until) if d is not None]
        return min(dates) if dates else None
