from datetime import timedelta
from decimal import Decimal

from django.db import models


class Berth(models.Model):
    """One berth on a pontoon; holds one visiting boat per night."""

    class Size(models.TextChoices):
        SMALL = "small", "Up to 8 m"
        MEDIUM = "medium", "8 to 12 m"
        LARGE = "large", "12 m and over"
        MULTIHULL = "multihull", "Multihull (wide berth)"

    code = models.CharField(max_length=12, unique=True)
    size = models.CharField(max_length=10, choices=Size.choices)
    nightly_rate = models.DecimalField(max_digits=7, decimal_places=2)
    finger_pontoon = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class Stay(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        ARRIVED = "arrived", "Arrived"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    class Source(models.TextChoices):
        WEB = "web", "Booking site"
        PHONE = "phone", "Harbour office"
        WAITLIST = "waitlist", "Waitlist"

    # The boat and its owner live in the main database: keep the id and a copy
    # of what the harbour staff and the e-mails need.
    boat_id = models.PositiveBigIntegerField(db_index=True)
    boat_name = models.CharField(max_length=60)
    owner_name = models.CharField(max_length=120)
    owner_email = models.EmailField()
    berth = models.ForeignKey(Berth, related_name="stays", on_delete=models.PROTECT)
    arrival = models.DateField()
    departure = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    needs_shore_power = models.BooleanField(default=False)
    special_requests = models.TextField(blank=True)
    nightly_rate = models.DecimalField(max_digits=7, decimal_places=2)
    total = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0.00"))
    cancel_reason = models.CharField(max_length=255, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["arrival", "berth__code"]

    def __str__(self):
        return f"Stay #{self.pk} {self.boat_name} {self.arrival}..{self.departure}"

    @property
    def night_count(self):
        return (self.departure - self.arrival).days

    def night_dates(self):
        return [self.arrival + timedelta(days=i) for i in range(self.night_count)]


class StayNight(models.Model):
    """One booked night of a berth; the unique constraint keeps berths from being double booked."""

    stay = models.ForeignKey(Stay, related_name="booked_nights", on_delete=models.CASCADE)
    berth = models.ForeignKey(Berth, related_name="booked_nights", on_delete=models.PROTECT)
    night = models.DateField()

    class Meta:
        ordering = ["night"]
        constraints = [models.UniqueConstraint(fields=["berth", "night"], name="one_boat_per_berth_night")]


class WaitlistEntry(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        PROMOTED = "promoted", "Promoted to a stay"
        EXPIRED = "expired", "Expired"

    boat_id = models.PositiveBigIntegerField(db_index=True)
    boat_name = models.CharField(max_length=60)
    owner_email = models.EmailField()
    arrival = models.DateField()
    departure = models.DateField()
    special_requests = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    promoted_stay = models.ForeignKey(Stay, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "waitlist entries"
