from django.db import models


class Portal(models.Model):
    """A listing portal we send a feed to."""

    class Format(models.TextChoices):
        XML = "xml", "XML (RETS-style)"
        CSV = "csv", "CSV"

    class Delivery(models.TextChoices):
        PUBLISH = "publish", "Publish for pull (HTTPS)"
        FTP = "ftp", "Push over FTP"

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=80)
    active = models.BooleanField(default=True)
    feed_format = models.CharField(max_length=4, choices=Format.choices, default=Format.XML)
    delivery = models.CharField(max_length=8, choices=Delivery.choices, default=Delivery.PUBLISH)
    include_pending = models.BooleanField(default=True, help_text="Also send under-contract listings")
    max_photos = models.PositiveSmallIntegerField(default=25)
    ftp_host = models.CharField(max_length=120, blank=True)
    ftp_port = models.PositiveIntegerField(default=21)
    ftp_user = models.CharField(max_length=60, blank=True)
    ftp_password = models.CharField(max_length=120, blank=True)
    ftp_directory = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class FeedRun(models.Model):
    """One export of a portal's feed. A "running" row doubles as the per-portal lock."""

    class Status(models.TextChoices):
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    portal = models.ForeignKey(Portal, related_name="runs", on_delete=models.CASCADE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    listing_count = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=120, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["portal", "status"])]

    def __str__(self):
        return f"{self.portal.code} run {self.pk} ({self.status})"
