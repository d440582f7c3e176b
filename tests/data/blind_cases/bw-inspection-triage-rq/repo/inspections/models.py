from django.db import models
from django.utils import timezone


class Inspection(models.Model):
    class Kind(models.TextChoices):
        PRE_TRIP = "pre", "Pre-trip"
        POST_TRIP = "post", "Post-trip"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        TRIAGED = "triaged", "Triaged"

    class Outcome(models.TextChoices):
        PENDING = "", "Pending"
        OK = "ok", "No defects"
        MINOR = "minor", "Minor defects, vehicle may be used"
        GROUNDED = "grounded", "Vehicle taken out of service"

    vehicle = models.ForeignKey("vehicles.Vehicle", on_delete=models.PROTECT, related_name="inspections")
    driver = models.ForeignKey("vehicles.Driver", on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=4, choices=Kind.choices, default=Kind.PRE_TRIP)
    odometer_km = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.PENDING, blank=True)
    # id of the RQ job that triages this inspection (shown on the inspection page)
    triage_job_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Defect(models.Model):
    class Area(models.TextChoices):
        BRAKES = "brakes", "Brakes"
        TYRES = "tyres", "Tyres / wheels"
        LIGHTS = "lights", "Lights / indicators"
        STEERING = "steering", "Steering"
        MIRRORS = "mirrors", "Mirrors / wipers"
        BODY = "body", "Body / doors"
        CARGO = "cargo", "Cargo area"
        OTHER = "other", "Other"

    SAFETY_CRITICAL = {Area.BRAKES, Area.TYRES, Area.LIGHTS, Area.STEERING}

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="defects")
    area = models.CharField(max_length=16, choices=Area.choices)
    description = models.CharField(max_length=500)

    @property
    def is_safety_critical(self):
        return self.area in self.SAFETY_CRITICAL
