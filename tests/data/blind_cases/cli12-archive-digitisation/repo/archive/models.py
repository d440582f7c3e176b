from django.db import models
from django.db.models import Sum


class Fonds(models.Model):
    """A record group, usually everything one municipal department handed over."""

    code = models.CharField(max_length=20, unique=True, help_text="e.g. PW for Public Works")
    title = models.CharField(max_length=200)
    creator = models.CharField(max_length=200, help_text="department or body that created the records")
    accession_number = models.CharField(max_length=30, blank=True)
    closed_until_years = models.PositiveSmallIntegerField(
        default=0, help_text="records are closed to the public for this many years after their end date")

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "fonds"

    def __str__(self):
        return f"{self.code} {self.title}"


class Box(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received"
        AT_VENDOR = "at_vendor", "At scanning vendor"
        SCANNED = "scanned"
        CATALOGUED = "catalogued"
        WITHDRAWN = "withdrawn"

    fonds = models.ForeignKey(Fonds, related_name="boxes", on_delete=models.PROTECT)
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=255, help_text="as written on the box")
    year_from = models.PositiveSmallIntegerField(null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(null=True, blank=True)
    shelf_location = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    page_count = models.PositiveIntegerField(default=0)
    scanned_at = models.DateTimeField(null=True, blank=True)
    catalogued_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["fonds__code", "number"]
        constraints = [models.UniqueConstraint(fields=["fonds", "number"], name="unique_box_number_per_fonds")]
        verbose_name_plural = "boxes"

    def __str__(self):
        return self.reference_code

    @property
    def reference_code(self):
        return f"{self.fonds.code}/{self.number:04d}"

    def scanned_pages(self):
        return self.scan_files.aggregate(total=Sum("pages"))["total"] or 0


class ScanFile(models.Model):
    """One PDF/TIFF delivered by the scanning vendor."""

    box = models.ForeignKey(Box, related_name="scan_files", on_delete=models.CASCADE)
    filename = models.CharField(max_length=255, unique=True)
    pages = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    delivered_at = models.DateTimeField()

    class Meta:
        ordering = ["box", "filename"]

    def __str__(self):
        return self.filename
