from django.db import models

from timetable.models import Port, Sailing


class Disruption(models.Model):
    port = models.ForeignKey(Port, on_delete=models.PROTECT, related_name="disruptions")
    day = models.DateField()
    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    sailings_cancelled = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "port__code"]

    def __str__(self):
        return f"{self.port.code} {self.day}: {self.reason}"


class PassengerCount(models.Model):
    sailing = models.OneToOneField(Sailing, on_delete=models.CASCADE, related_name="count")
    passengers = models.PositiveIntegerField()
    cars = models.PositiveIntegerField(default=0)
    departed_at = models.DateTimeField(null=True, blank=True, help_text="actual departure, from the bridge log")
    recorded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.sailing}: {self.passengers} pax, {self.cars} cars"
