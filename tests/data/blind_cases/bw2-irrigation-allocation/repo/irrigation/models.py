from django.db import models
from django.utils import timezone


class IrrigationRun(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    zone = models.ForeignKey("farms.Zone", on_delete=models.PROTECT, related_name="runs")
    scheduled_start = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField()
    planned_liters = models.BigIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    meter_start_liters = models.BigIntegerField(null=True, blank=True)
    delivered_liters = models.BigIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["scheduled_start"]

    def __str__(self):
        return f"run {self.pk} {self.zone} @ {self.scheduled_start:%Y-%m-%d %H:%M}"

    def finish(self, delivered_liters, allocation):
        """Close the run and book the delivered water against the farm's allocation."""
        self.delivered_liters = delivered_liters
        self.status = self.Status.DONE
        self.finished_at = timezone.now()
        self.save(update_fields=["delivered_liters", "status", "finished_at"])
        allocation.remaining_liters = allocation.remaining_liters - delivered_liters
        allocation.save(update_fields=["remaining_liters", "updated_at"])
        return allocation

    def fail(self, reason):
        self.status = self.Status.FAILED
        self.error = reason[:200]
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "error", "finished_at"])


class AllocationAlert(models.Model):
    allocation = models.ForeignKey("farms.SeasonAllocation", on_delete=models.CASCADE, related_name="alerts")
    remaining_liters = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
