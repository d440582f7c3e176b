from django.db import models


class FeedImport(models.Model):
    """One pass over the booking office's session export."""

    source = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64, db_index=True)
    started_at = models.DateTimeField()
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    errors = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.source} @ {self.started_at:%Y-%m-%d %H:%M}"
