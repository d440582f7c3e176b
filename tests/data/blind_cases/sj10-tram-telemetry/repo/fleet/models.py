from django.db import models


class Depot(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100)

    def __str__(self):
        return f"{self.code} {self.name}"


class Line(models.Model):
    number = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100, blank=True)
    colour = models.CharField(max_length=7, blank=True, help_text="hex, e.g. #d4001a")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Line {self.number}"


class Vehicle(models.Model):
    class Status(models.TextChoices):
        IN_SERVICE = "in_service", "In service"
        SILENT = "silent", "No telemetry"
        WORKSHOP = "workshop", "In workshop"
        RETIRED = "retired", "Retired"

    fleet_number = models.CharField(max_length=16, unique=True)
    operator_id = models.CharField(max_length=64, unique=True, help_text="Vehicle id in the operator API")
    series = models.CharField(max_length=32, blank=True)
    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="vehicles", null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.IN_SERVICE)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    last_line = models.ForeignKey(Line, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["fleet_number"]

    def __str__(self):
        return self.fleet_number

    @property
    def reports_telemetry(self):
        return self.status in (self.Status.IN_SERVICE, self.Status.SILENT)
