from django.db import models
from django.utils import timezone


class CirculationStat(models.Model):
    """Loans of one genre at one branch in one calendar month (library local time)."""

    month = models.DateField(help_text="First day of the month")
    branch = models.ForeignKey("catalog.Branch", related_name="circulation_stats", on_delete=models.PROTECT)
    genre = models.CharField(max_length=16, help_text="Catalogue genre, or 'unclassified'")
    checkouts = models.PositiveIntegerField(default=0)
    renewals = models.PositiveIntegerField(default=0)
    borrowers = models.PositiveIntegerField(default=0, help_text="Distinct borrowers who checked out")
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["month", "branch__code", "genre"]
        constraints = [
            models.UniqueConstraint(fields=["month", "branch", "genre"], name="uniq_circulation_stat"),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.branch_id} {self.genre}: {self.checkouts}"


class ReturnStat(models.Model):
    """Returns and late returns per region in one calendar month."""

    month = models.DateField()
    region = models.CharField(max_length=8)
    returns = models.PositiveIntegerField(default=0)
    late_returns = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["month", "region"]
        constraints = [models.UniqueConstraint(fields=["month", "region"], name="uniq_return_stat")]

    @property
    def late_rate(self):
        return self.late_returns / self.returns if self.returns else 0.0


class StatsRun(models.Model):
    report = models.CharField(max_length=16)
    month = models.DateField()
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(default=0)
    ok = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
