from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class ShipArrival(models.Model):
    class Station(models.TextChoices):
        OUTER = "OUTER", "Outer anchorage (Maas Center)"
        INNER = "INNER", "Inner boarding point (Maasmond)"

    vessel_name = models.CharField(max_length=80)
    imo_number = models.CharField("IMO number", max_length=7, db_index=True)
    call_sign = models.CharField(max_length=10, blank=True)
    length_overall = models.DecimalField("LOA (m)", max_digits=6, decimal_places=2)
    draught = models.DecimalField("draught (m)", max_digits=4, decimal_places=2)
    eta = models.DateTimeField("ETA at boarding station")
    station = models.CharField(max_length=8, choices=Station.choices, default=Station.OUTER)
    agent_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["eta"]
        constraints = [
            models.UniqueConstraint(fields=["imo_number", "eta"], name="unique_arrival_per_eta"),
        ]

    def __str__(self):
        return f"{self.vessel_name} (IMO {self.imo_number}) ETA {self.eta:%Y-%m-%d %H:%M}"

    @property
    def boarding_time(self):
        return self.eta - timedelta(minutes=settings.BOARDING_LEAD_MINUTES)


class PilotBooking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked"
        CANCELLED = "cancelled"
        COMPLETED = "completed"

    class PortStatus(models.TextChoices):
        # What the port authority's VTS knows about this booking.
        NOT_SENT = "not_sent", "Not sent"
        PENDING = "pending", "Pending"
        RECEIVED = "received", "Received"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"

    reference = models.CharField(max_length=20, unique=True, editable=False)
    arrival = models.ForeignKey(ShipArrival, related_name="bookings", on_delete=models.PROTECT)
    pilot = models.ForeignKey("pilots.Pilot", related_name="bookings", on_delete=models.PROTECT)
    boarding_time = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    port_request_id = models.CharField(max_length=40, blank=True)
    port_status = models.CharField(max_length=10, choices=PortStatus.choices, default=PortStatus.NOT_SENT)
    port_submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["boarding_time"]

    def __str__(self):
        return f"{self.reference}: {self.pilot.name} -> {self.arrival.vessel_name}"

    def save(self, *args, **kwargs):
        if not self.reference:
            stamp = timezone.localtime(self.boarding_time).strftime("%y%m%d")
            prefix = f"PB-{stamp}-"
            same_day = PilotBooking.objects.filter(reference__startswith=prefix).count()
            self.reference = f"{prefix}{same_day + 1:03d}"
        super().save(*args, **kwargs)
