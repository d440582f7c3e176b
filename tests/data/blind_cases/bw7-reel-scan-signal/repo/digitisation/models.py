from django.db import models
from django.utils import timezone

from collection.models import Film, Reel


class Scanner(models.Model):
    name = models.CharField(max_length=60, unique=True)
    gauges = models.CharField(max_length=40, help_text="comma separated, e.g. 35mm,16mm")
    nitrate_rated = models.BooleanField(default=False)
    weekly_capacity_minutes = models.PositiveIntegerField(default=2400)
    booked_minutes = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.name

    def handles(self, reel):
        if reel.gauge not in {g.strip() for g in self.gauges.split(",")}:
            return False
        return self.nitrate_rated or reel.base != Reel.Base.NITRATE

    @property
    def free_minutes(self):
        return self.weekly_capacity_minutes - self.booked_minutes


class DigitisationRequest(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        QUEUED = "queued", "Queued for scanning"
        DONE = "done", "Done"
        EXPIRED = "expired", "Expired"

    class Priority(models.IntegerChoices):
        LOW = 1, "Low"
        NORMAL = 2, "Normal"
        URGENT = 3, "Urgent (exhibition / broadcast)"

    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="digitisation_requests")
    requested_by = models.CharField(max_length=150, help_text="staff username")
    purpose = models.CharField(max_length=300, blank=True)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    scanner = models.ForeignKey(Scanner, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="requests")
    estimated_minutes = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-priority", "submitted_at", "pk"]

    def __str__(self):
        return f"DR-{self.pk} {self.film.accession_no} ({self.status})"


class RequestedReel(models.Model):
    request = models.ForeignKey(DigitisationRequest, on_delete=models.CASCADE, related_name="requested_reels")
    reel = models.ForeignKey(Reel, on_delete=models.PROTECT, related_name="requests")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "reel"], name="uniq_requested_reel")]


class ScanBatch(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        SCANNED = "scanned", "Scanned"
        PUBLISHED = "published", "Access copies published"

    request = models.OneToOneField(DigitisationRequest, on_delete=models.CASCADE, related_name="batch")
    scanner = models.ForeignKey(Scanner, on_delete=models.PROTECT, related_name="batches")
    reel_count = models.PositiveSmallIntegerField()
    total_footage_ft = models.PositiveIntegerField()
    manifest = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(default=timezone.now)
    scanned_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"batch {self.pk} for DR-{self.request_id}"
