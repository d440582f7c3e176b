from django.db import models
from django.utils import timezone


class Exhibition(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class TimeSlot(models.Model):
    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField()
    # number of visitors (not tickets) sold / let in for this slot
    sold = models.PositiveIntegerField(default=0)
    admitted = models.PositiveIntegerField(default=0)
    is_closed = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.exhibition.slug} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def remaining(self):
        return max(self.capacity - self.sold, 0)


class Ticket(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", "Issued"
        ADMITTED = "admitted", "Admitted"
        REFUNDED = "refunded", "Refunded"

    code = models.CharField(max_length=24, unique=True)
    slot = models.ForeignKey(TimeSlot, on_delete=models.PROTECT, related_name="tickets")
    party_size = models.PositiveSmallIntegerField(default=1)
    holder_name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="tickets")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ISSUED)
    issued_at = models.DateTimeField(default=timezone.now)
    admitted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.code


class ScanBatch(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        PROCESSED = "processed", "Processed"

    gate = models.CharField(max_length=32)
    device_id = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]


class GateScan(models.Model):
    class Result(models.TextChoices):
        PENDING = "pending", "Pending"
        ADMITTED = "admitted", "Admitted"
        DUPLICATE = "duplicate", "Already admitted"
        UNKNOWN = "unknown", "Unknown code"
        REFUNDED = "refunded", "Refunded ticket"
        TOO_EARLY = "too_early", "Too early for slot"

    batch = models.ForeignKey(ScanBatch, on_delete=models.CASCADE, related_name="scans")
    code = models.CharField(max_length=24)
    ticket = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="scans")
    scanned_at = models.DateTimeField()
    result = models.CharField(max_length=16, choices=Result.choices, default=Result.PENDING)

    class Meta:
        ordering = ["scanned_at", "pk"]
