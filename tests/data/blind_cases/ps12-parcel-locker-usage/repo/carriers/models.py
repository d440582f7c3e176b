from django.db import models


class CarrierQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Carrier(models.Model):
    """A carrier tenant renting compartments in our lockers."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=120)
    active = models.BooleanField(default=True)
    billing_email = models.EmailField(blank=True)
    max_dwell_hours = models.PositiveIntegerField(
        default=72, help_text="parcels left longer than this raise a dwell alert")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CarrierQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"
