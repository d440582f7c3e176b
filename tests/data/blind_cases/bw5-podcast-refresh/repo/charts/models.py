from django.db import models


class DownloadStat(models.Model):
    """Daily downloads per podcast, from the CDN logs (imported nightly)."""

    podcast = models.ForeignKey("catalog.Podcast", related_name="download_stats", on_delete=models.CASCADE)
    day = models.DateField()
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["podcast", "day"], name="one_stat_per_day")]


class ChartEntry(models.Model):
    week = models.DateField(help_text="Monday of the chart week")
    category = models.ForeignKey("catalog.Category", related_name="chart_entries", on_delete=models.CASCADE)
    rank = models.PositiveSmallIntegerField()
    podcast = models.ForeignKey("catalog.Podcast", related_name="chart_entries", on_delete=models.CASCADE)
    downloads = models.PositiveIntegerField()

    class Meta:
        ordering = ["week", "category", "rank"]
        constraints = [models.UniqueConstraint(fields=["week", "category", "rank"], name="one_podcast_per_rank")]
