from django.db import models
from django.db.models import Q, Sum

from fleet.models import Sailing


class BookingQuerySet(models.QuerySet):
    def holding_space(self, now):
        """Bookings that currently take seats / deck space on their sailing."""
        return self.filter(Q(status=Booking.Status.CONFIRMED) | Q(status=Booking.Status.HELD, hold_expires_at__gt=now))


class Booking(models.Model):
    class Status(models.TextChoices):
        HELD = "held"
        CONFIRMED = "confirmed"
        RELEASED = "released"
        CANCELLED = "cancelled"

    reference = models.CharField(max_length=10, unique=True)
    sailing = models.ForeignKey(Sailing, on_delete=models.PROTECT, related_name="bookings")
    lead_name = models.CharField(max_length=120)
    email = models.EmailField()
    passengers = models.PositiveSmallIntegerField(default=1)
    vehicles = models.PositiveSmallIntegerField(default=0)
    vehicle_plate = models.CharField(max_length=12, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD)
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["status", "hold_expires_at"])]

    def __str__(self):
        return self.reference


def space_taken(sailing, now):
    totals = Booking.objects.filter(sailing=sailing).holding_space(now).aggregate(
        pax=Sum("passengers"), cars=Sum("vehicles"))
    return totals["pax"] or 0, totals["cars"] or 0
