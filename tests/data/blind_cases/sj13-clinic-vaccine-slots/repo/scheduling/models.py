from django.db import models
from django.utils import timezone


class Slot(models.Model):
    """A bookable time slot at a centre. ``capacity`` people can be booked into it."""

    clinic = models.ForeignKey("clinics.Clinic", related_name="slots", on_delete=models.PROTECT)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    capacity = models.PositiveSmallIntegerField()
    published_at = models.DateTimeField(default=timezone.now)
    withdrawn = models.BooleanField(default=False, help_text="Hidden from the booking site (e.g. closure).")

    class Meta:
        ordering = ["clinic", "starts_at"]
        constraints = [models.UniqueConstraint(fields=["clinic", "starts_at"], name="uniq_slot_per_clinic_start")]

    def __str__(self):
        return f"{self.clinic.code} {self.local_start:%Y-%m-%d %H:%M}"

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.clinic.tzinfo)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.clinic.tzinfo)

    def booked_count(self):
        return self.bookings.filter(status=Booking.Status.BOOKED).count()

    def free_places(self):
        return max(self.capacity - self.booked_count(), 0)


class Booking(models.Model):
    class Vaccine(models.TextChoices):
        FLU = "flu", "Influenza"
        COVID = "covid", "COVID-19"
        PNEUMO = "pneumo", "Pneumococcal"

    class Status(models.TextChoices):
        BOOKED = "booked"
        ATTENDED = "attended"
        CANCELLED = "cancelled"
        NO_SHOW = "no_show"

    slot = models.ForeignKey(Slot, related_name="bookings", on_delete=models.PROTECT)
    full_name = models.CharField(max_length=120)
    sns_number = models.CharField("SNS number", max_length=9)
    phone = models.CharField(max_length=20, blank=True)
    vaccine = models.CharField(max_length=8, choices=Vaccine.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    created_at = models.DateTimeField(default=timezone.now)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["slot__starts_at", "created_at"]

    def __str__(self):
        return f"{self.full_name} – {self.slot}"
