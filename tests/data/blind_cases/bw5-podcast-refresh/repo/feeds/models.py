from django.db import models


class FeedFetch(models.Model):
    """One attempt to fetch a feed (kept 30 days, shown on the podcast's admin page)."""

    class Outcome(models.TextChoices):
        UPDATED = "updated"
        NOT_MODIFIED = "not_modified"
        ERROR = "error"

    podcast = models.ForeignKey("catalog.Podcast", related_name="fetches", on_delete=models.CASCADE)
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    new_episodes = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["podcast", "-started_at"])]
