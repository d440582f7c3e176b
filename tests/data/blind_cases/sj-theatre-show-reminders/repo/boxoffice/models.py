from django.db import models

from programme.models import Performance


class Patron(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    marketing_opt_in = models.BooleanField(default=False)

    def __str__(self):
        return self.name


class Booking(models.Model):
    class Status(models.TextChoices):
        HELD = "held", "Held (unpaid)"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"
        RELEASED = "released", "Released (unpaid)"

    reference = models.CharField(max_length=12, unique=True)
    patron = models.ForeignKey(Patron, on_delete=models.PROTECT, related_name="bookings")
    performance = models.ForeignKey(Performance, on_delete=models.PROTECT, related_name="bookings")
    seats = models.CharField(max_length=200, help_text="comma separated, e.g. F12,F13")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD)
    created_at = models.DateTimeField(auto_now_add=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.reference

    @property
    def seat_list(self):
        return [s.strip() for s in self.seats.split(",") if s.strip()]


class WaitlistEntry(models.Model):
    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="waitlist")
    performance = models.ForeignKey(Performance, on_delete=models.CASCADE, related_name="waitlist")
    seats_wanted = models.PositiveSmallIntegerField(default=2)
    joined_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at"]
