from django.db import models


class CatalogueEntry(models.Model):
    """Description of one digitised box in the public finding aid."""

    class Level(models.TextChoices):
        FILE = "file"
        ITEM = "item"

    class Access(models.TextChoices):
        OPEN = "open"
        CLOSED = "closed"

    box = models.OneToOneField("archive.Box", related_name="catalogue_entry", on_delete=models.PROTECT)
    reference_code = models.CharField(max_length=60, unique=True)
    title = models.CharField(max_length=255)
    level = models.CharField(max_length=8, choices=Level.choices, default=Level.FILE)
    date_range = models.CharField(max_length=20, blank=True)
    extent = models.CharField(max_length=60, blank=True)
    access = models.CharField(max_length=8, choices=Access.choices, default=Access.OPEN)
    open_from_year = models.PositiveSmallIntegerField(null=True, blank=True)
    published = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["reference_code"]
        verbose_name_plural = "catalogue entries"

    def __str__(self):
        return f"{self.reference_code} {self.title}"
