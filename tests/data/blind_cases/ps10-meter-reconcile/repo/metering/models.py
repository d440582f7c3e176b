from django.db import models
from django.utils import timezone


class ReadingBatch(models.Model):
    """One delivery of readings from the head-end system, landed in the lake as a CSV file."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        LANDED = "landed", "Landed"
        REJECTED = "rejected", "Rejected"

    source_file = models.CharField(max_length=255, unique=True)
    received_at = models.DateTimeField(default=timezone.now)
    rows = models.PositiveIntegerField(default=0)
    first_read_at = models.DateTimeField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return self.source_file


class MeterAlert(models.Model):
    class Kind(models.TextChoices):
        SILENT = "silent", "No readings"
        ESTIMATED = "estimated", "Mostly estimated readings"

    meter = models.ForeignKey("billing.Meter", on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    detail = models.CharField(max_length=255, blank=True)
    raised_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meter", "kind"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_alert_per_meter_kind",
            ),
        ]

    def __str__(self):
        return f"{self.meter} {self.kind}"
