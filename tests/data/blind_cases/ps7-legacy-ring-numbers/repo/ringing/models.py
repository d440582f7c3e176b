from django.db import models
from django.utils import timezone


class Site(models.Model):
    code = models.CharField(max_length=10, unique=True)  # e.g. WBK-N
    name = models.CharField(max_length=120)
    latitude = models.FloatField()
    longitude = models.FloatField()
    net_metres = models.PositiveIntegerField(default=0, help_text="standard net length of the CES run")

    def __str__(self):
        return self.code


class Species(models.Model):
    code = models.CharField(max_length=6, unique=True)  # RingBase / app code, e.g. ACRSCI
    euring = models.CharField(max_length=5)  # EURING species code, keep leading zeros
    name = models.CharField(max_length=120)
    scientific_name = models.CharField(max_length=120)
    ring_size = models.CharField(max_length=3, blank=True)

    class Meta:
        ordering = ["euring"]
        verbose_name_plural = "species"

    def __str__(self):
        return self.name


class Ringer(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    permit_number = models.CharField(max_length=20, blank=True)
    is_trainer = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.name} ({self.code})"


class RingSeries(models.Model):
    """A string of rings issued by the scheme, e.g. size AA 0712001-0712500."""

    size = models.CharField(max_length=3)
    first_number = models.CharField(max_length=10)
    last_number = models.CharField(max_length=10)
    issued_on = models.DateField(default=timezone.localdate)
    used = models.PositiveIntegerField(default=0)

    @property
    def capacity(self):
        return int(self.last_number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) - int(
            self.first_number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1

    @property
    def remaining(self):
        return self.capacity - self.used


class SeasonSummary(models.Model):
    """Per-species figures of one season, written by ``manage.py season_report``."""

    year = models.PositiveIntegerField()
    species = models.ForeignKey(Species, on_delete=models.PROTECT, related_name="summaries")
    new_birds = models.PositiveIntegerField(default=0)
    retraps_same_season = models.PositiveIntegerField(default=0)
    retraps_earlier_seasons = models.PositiveIntegerField(default=0)
    controls = models.PositiveIntegerField(default=0)
    oldest_years = models.PositiveIntegerField(null=True)
    computed_at = models.DateTimeField(default=timezone.now)
    submitted = models.BooleanField(default=False)

    class Meta:
        unique_together = [("year", "species")]
        ordering = ["year", "species"]
