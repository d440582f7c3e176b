from django.db import models
from django.utils import timezone


class NightlyRate(models.Model):
    room_type = models.ForeignKey("properties.RoomType", related_name="rates", on_delete=models.CASCADE)
    night = models.DateField()
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    min_stay = models.PositiveSmallIntegerField(default=1)
    closed = models.BooleanField(default=False, help_text="stop sell: not bookable on any channel")
    updated_at = models.DateTimeField(auto_now=True)
    pushed_at = models.DateTimeField(null=True, blank=True, help_text="last successful push to the channel manager")

    class Meta:
        ordering = ["room_type", "night"]
        constraints = [models.UniqueConstraint(fields=["room_type", "night"], name="uniq_rate_per_night")]
        indexes = [models.Index(fields=["pushed_at"])]

    def __str__(self):
        return f"{self.room_type} {self.night:%Y-%m-%d} {self.amount}"

    @property
    def needs_push(self):
        return self.pushed_at is None or self.pushed_at < self.updated_at


class RateImportBatch(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    property = models.ForeignKey("properties.Property", related_name="rate_imports", on_delete=models.CASCADE)
    source = models.CharField(max_length=255, blank=True, help_text="file name or upload id")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "rate import batches"
        ordering = ["-started_at"]

    def __str__(self):
        return f"import {self.pk} {self.property.code} {self.source} ({self.status})"


class RateChange(models.Model):
    """Audit trail: one row per rate that an import created or changed."""

    batch = models.ForeignKey(RateImportBatch, related_name="changes", on_delete=models.CASCADE)
    rate = models.ForeignKey(NightlyRate, related_name="changes", on_delete=models.CASCADE)
    old_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    new_amount = models.DecimalField(max_digits=8, decimal_places=2)
    old_min_stay = models.PositiveSmallIntegerField(null=True, blank=True)
    new_min_stay = models.PositiveSmallIntegerField()

    def __str__(self):
        return f"{self.rate}: {self.old_amount} -> {self.new_amount}"


class RateSheetUpload(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        IMPORTED = "imported"
        FAILED = "failed"

    property = models.ForeignKey("properties.Property", related_name="sheet_uploads", on_delete=models.CASCADE)
    file_name = models.CharField(max_length=255)
    content = models.TextField(help_text="the CSV as uploaded")
    uploaded_by = models.CharField(max_length=150)
    uploaded_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    batch = models.ForeignKey(RateImportBatch, null=True, blank=True, on_delete=models.SET_NULL)
    processed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.file_name} ({self.status})"
