from django.db import models
from django.utils import timezone


class LaneSlot(models.Model):
    """A bookable session in one lane on one day, generated from a timetable entry."""

    class Status(models.TextChoices):
        OPEN = "open"
        CANCELLED = "cancelled"

    entry = models.ForeignKey("facilities.TimetableEntry", related_name="slots", on_delete=models.PROTECT)
    lane = models.ForeignKey("facilities.Lane", related_name="slots", on_delete=models.PROTECT)
    date = models.DateField()
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    capacity = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    cancel_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "lane__number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "lane", "date"], name="one_slot_per_entry_lane_day"),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.entry.get_activity_display()} {local:%a %d %b %H:%M} lane {self.lane.number}"

    @property
    def activity(self):
        return self.entry.activity

    def places_taken(self):
        return self.bookings.filter(status__in=Booking.ACTIVE).count()

    def places_left(self):
        return max(self.capacity - self.places_taken(), 0)


class Booking(models.Model):
    class Status(models.TextChoices):
        HELD = "held"
        CONFIRMED = "confirmed"
        CHECKED_IN = "checked_in"
        CANCELLED = "cancelled"
        EXPIRED = "expired"
        NO_SHOW = "no_show"

    ACTIVE = [Status.HELD, Status.CONFIRMED, Status.CHECKED_IN]

    slot = models.ForeignKey(LaneSlot, related_name="bookings", on_delete=models.PROTECT)
    card_number = models.CharField("subscription card", max_length=20, db_index=True)
    name = models.CharField(max_length=120)
    email = models.EmailField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.HELD)
    created_at = models.DateTimeField(default=timezone.now)
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["slot__starts_at", "created_at"]

    def __str__(self):
        return f"{self.card_number} in {self.slot} ({self.status})"
