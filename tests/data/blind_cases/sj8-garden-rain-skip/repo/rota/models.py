from django.db import models
from django.utils import timezone

from plots.models import Bed, Gardener


class WateringShiftQuerySet(models.QuerySet):
    def on_day(self, day):
        return self.filter(day=day)

    def between(self, first, last):
        return self.filter(day__gte=first, day__lte=last)

    def scheduled(self):
        return self.filter(status=WateringShift.Status.SCHEDULED)

    def for_gardener(self, gardener):
        return self.filter(gardener=gardener)


class WateringShift(models.Model):
    class Slot(models.TextChoices):
        MORNING = "am", "Morning (7-9)"
        EVENING = "pm", "Evening (6-8)"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED_RAIN = "rain", "Cancelled (rain)"
        CANCELLED = "cancelled", "Cancelled"
        DONE = "done", "Done"

    day = models.DateField(db_index=True)
    slot = models.CharField(max_length=2, choices=Slot.choices, default=Slot.MORNING)
    gardener = models.ForeignKey(Gardener, on_delete=models.CASCADE, related_name="shifts")
    beds = models.ManyToManyField(Bed, related_name="shifts")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    reminded_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    objects = WateringShiftQuerySet.as_manager()

    class Meta:
        ordering = ["day", "slot"]
        constraints = [
            models.UniqueConstraint(fields=["day", "slot", "gardener"], name="one_shift_per_slot"),
        ]

    def __str__(self):
        return f"{self.day} {self.get_slot_display()}: {self.gardener}"

    def cancel_for_rain(self, rain_mm):
        self.status = self.Status.CANCELLED_RAIN
        self.note = f"{rain_mm} mm of rain the day before"
        self.save(update_fields=["status", "note"])

    def mark_reminded(self):
        self.reminded_at = timezone.now()
        self.save(update_fields=["reminded_at"])
