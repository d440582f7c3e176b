from django.db import models
from django.utils import timezone

from clinics.models import Clinic, Pet, Veterinarian


class Lab(models.TextChoices):
    IDEXX = "idexx", "IDEXX Reference Laboratories"
    ANTECH = "antech", "Antech Diagnostics"
    IN_HOUSE = "in_house", "In-house analyzer"


class LabOrder(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending transmission"
        SUBMITTED = "submitted", "Submitted to lab"
        RESULTED = "resulted", "Resulted"
        CANCELLED = "cancelled", "Cancelled"

    class Origin(models.TextChoices):
        VETLINK = "vetlink", "Placed in vetlink"
        LAB_PORTAL = "lab_portal", "Placed on the lab's portal"

    lab = models.CharField(max_length=10, choices=Lab.choices)
    accession = models.CharField(max_length=32)
    lab_reference = models.CharField(max_length=40, blank=True)
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.VETLINK)
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="lab_orders")
    pet = models.ForeignKey(Pet, on_delete=models.PROTECT, related_name="lab_orders")
    ordering_vet = models.ForeignKey(Veterinarian, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="lab_orders")
    panel_code = models.CharField(max_length=20)
    panel_name = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    has_abnormal = models.BooleanField(default=False)
    placed_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    resulted_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-placed_at"]
        constraints = [models.UniqueConstraint(fields=["lab", "accession"], name="uniq_lab_accession")]

    def __str__(self):
        return f"{self.get_lab_display()} {self.accession} ({self.panel_code})"

    def mark_submitted(self, lab_reference="", submitted_at=None):
        self.status = self.Status.SUBMITTED
        self.lab_reference = lab_reference or self.lab_reference
        self.submitted_at = submitted_at or timezone.now()
        self.save(update_fields=["status", "lab_reference", "submitted_at", "updated_at"])

    def mark_resulted(self, resulted_at=None):
        """Record that the lab's final report is in and let the owner know."""
        if self.status == self.Status.CANCELLED:
            raise ValueError(f"lab order {self.accession} is cancelled")
        self.status = self.Status.RESULTED
        self.resulted_at = resulted_at or timezone.now()
        self.has_abnormal = self.values.exclude(flag=ResultValue.Flag.NORMAL).exists()
        self.save(update_fields=["status", "resulted_at", "has_abnormal", "updated_at"])

        from .dispatch import announce_results  # dispatch -> tasks -> models

        announce_results(self)

    def cancel(self, reason):
        if self.status == self.Status.RESULTED:
            raise ValueError(f"lab order {self.accession} already has results")
        self.status = self.Status.CANCELLED
        self.cancel_reason = reason[:200]
        self.save(update_fields=["status", "cancel_reason", "updated_at"])


class ResultValue(models.Model):
    class Flag(models.TextChoices):
        NORMAL = "", "Within range"
        LOW = "L", "Low"
        HIGH = "H", "High"
        CRITICAL_LOW = "LL", "Critically low"
        CRITICAL_HIGH = "HH", "Critically high"
        ABNORMAL = "A", "Abnormal"

    order = models.ForeignKey(LabOrder, on_delete=models.CASCADE, related_name="values")
    sequence = models.PositiveSmallIntegerField(default=0)
    analyte_code = models.CharField(max_length=20)
    analyte_name = models.CharField(max_length=80)
    value = models.CharField(max_length=40)
    unit = models.CharField(max_length=20, blank=True)
    reference_range = models.CharField(max_length=40, blank=True)
    flag = models.CharField(max_length=2, choices=Flag.choices, default=Flag.NORMAL, blank=True)

    class Meta:
        ordering = ["order", "sequence"]
        constraints = [models.UniqueConstraint(fields=["order", "analyte_code"], name="uniq_order_analyte")]

    def __str__(self):
        return f"{self.analyte_code}={self.value}{self.unit} {self.flag}".strip()


class OwnerNotification(models.Model):
    class Kind(models.TextChoices):
        RESULTS_READY = "results_ready", "Results ready"

    order = models.ForeignKey(LabOrder, on_delete=models.CASCADE, related_name="owner_notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.RESULTS_READY)
    channel = models.CharField(max_length=8)
    recipient = models.CharField(max_length=120)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.kind} -> {self.recipient} ({self.channel})"


class LabSyncState(models.Model):
    """Where we are in a polled lab's result feed."""

    lab = models.CharField(max_length=10, choices=Lab.choices, unique=True)
    cursor = models.CharField(max_length=64, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_batch_size = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.lab} @ {self.cursor or 'start'}"
