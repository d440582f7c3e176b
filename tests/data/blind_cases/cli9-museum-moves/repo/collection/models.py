from django.db import models
from django.utils import timezone


class Location(models.Model):
    """A place an object can be: a store bay/shelf, a gallery case, the conservation lab..."""

    class Kind(models.TextChoices):
        STORE = "store", "Store"
        GALLERY = "gallery", "Gallery"
        CONSERVATION = "conservation", "Conservation lab"
        QUARANTINE = "quarantine", "Quarantine (pest/hazard)"
        TRANSIT = "transit", "Transit / loading bay"

    code = models.CharField(max_length=20, unique=True, help_text="e.g. ST-B2-04 (always upper case)")
    name = models.CharField(max_length=120)
    building = models.CharField(max_length=60)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.STORE)
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="max objects; blank = no limit")
    active = models.BooleanField(default=True)
    last_audited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)

    def __str__(self):
        return self.code


class CollectionObject(models.Model):
    class Status(models.TextChoices):
        IN_STORE = "in_store", "In store"
        ON_DISPLAY = "on_display", "On display"
        IN_CONSERVATION = "in_conservation", "In conservation"
        QUARANTINED = "quarantined", "Quarantined"
        IN_TRANSIT = "in_transit", "In transit"
        ON_LOAN = "on_loan", "On loan (outgoing)"
        DEACCESSIONED = "deaccessioned", "Deaccessioned"

    accession_number = models.CharField(max_length=40, unique=True, help_text="e.g. 1987.34.1")
    title = models.CharField(max_length=200)
    department = models.CharField(max_length=60, blank=True)
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.PROTECT, related_name="contents")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_STORE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["accession_number"]

    def __str__(self):
        return f"{self.accession_number} {self.title}"


class ObjectLabel(models.Model):
    """A printed barcode label stuck to an object or its box.

    Labels get replaced when damaged or when an object is rehoused; the old label is kept (inactive) so that old
    paperwork can still be traced, but it must not be used to identify the object any more.
    """

    barcode = models.CharField(max_length=20, unique=True)
    object = models.ForeignKey(CollectionObject, on_delete=models.CASCADE, related_name="labels")
    active = models.BooleanField(default=True)
    printed_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.barcode


class Movement(models.Model):
    class Reason(models.TextChoices):
        REHOUSING = "rehousing", "Rehousing"
        DISPLAY = "display", "Display"
        CONSERVATION = "conservation", "Conservation"
        PEST = "pest", "Pest / hazard"
        LOAN = "loan", "Outgoing loan"
        AUDIT = "audit", "Audit correction"

    object = models.ForeignKey(CollectionObject, on_delete=models.CASCADE, related_name="movements")
    from_location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    moved_by = models.CharField(max_length=60)
    batch = models.CharField(max_length=32, db_index=True)
    moved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-moved_at", "-id"]


class LocationAudit(models.Model):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="audits")
    audited_at = models.DateTimeField(default=timezone.now)
    audited_by = models.CharField(max_length=60)
    expected_count = models.PositiveIntegerField()
    found_count = models.PositiveIntegerField()
    missing = models.JSONField(default=list, blank=True)
    unexpected = models.JSONField(default=list, blank=True)
    unrecognised = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-audited_at"]


class OutgoingLoan(models.Model):
    reference = models.CharField(max_length=30, unique=True)
    borrower = models.CharField(max_length=120, help_text="borrowing institution")
    contact_email = models.EmailField()
    objects_lent = models.ManyToManyField(CollectionObject, related_name="outgoing_loans")
    due_back = models.DateField()
    returned_on = models.DateField(null=True, blank=True)
    reminder_sent_on = models.DateField(null=True, blank=True)

    def __str__(self):
        return self.reference
