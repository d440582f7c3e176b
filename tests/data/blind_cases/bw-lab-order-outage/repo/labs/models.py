from django.db import models
from django.utils import timezone


class LabTest(models.Model):
    """A test from the reference lab's catalogue (synced by sync_lab_catalog)."""

    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=160)
    sample_type = models.CharField(max_length=32)
    active = models.BooleanField(default=True)

    def __str__(self):
        return f"{self.code} {self.name}"


class LabOrder(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        QUEUED = "queued", "Waiting to be sent"
        SUBMITTED = "submitted", "Sent to lab"
        REJECTED = "rejected", "Rejected by lab"
        RESULTED = "resulted", "Results in"

    appointment = models.ForeignKey("clinic.Appointment", on_delete=models.PROTECT, related_name="lab_orders")
    tests = models.ManyToManyField(LabTest)
    ordered_by = models.CharField(max_length=80)
    clinical_notes = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    accession = models.CharField(max_length=32, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def mark_submitted(self, accession):
        self.status = self.Status.SUBMITTED
        self.accession = accession
        self.error = ""
        self.submitted_at = timezone.now()
        self.save(update_fields=["status", "accession", "error", "submitted_at"])

    def mark_rejected(self, reason):
        self.status = self.Status.REJECTED
        self.error = reason[:2000]
        self.save(update_fields=["status", "error"])


class LabResult(models.Model):
    order = models.ForeignKey(LabOrder, on_delete=models.CASCADE, related_name="results")
    test = models.ForeignKey(LabTest, on_delete=models.PROTECT)
    value = models.CharField(max_length=64)
    unit = models.CharField(max_length=24, blank=True)
    reference_range = models.CharField(max_length=64, blank=True)
    flag = models.CharField(max_length=8, blank=True)  # "H", "L", "" ...
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        unique_together = [("order", "test")]
