from django.db import models


class Venue(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=80)
    capacity = models.PositiveIntegerField()
    doors_open_minutes = models.PositiveSmallIntegerField(default=45)

    def __str__(self):
        return self.name


class Production(models.Model):
    title = models.CharField(max_length=120)
    company = models.CharField(max_length=120, blank=True)
    running_time_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    age_guidance = models.CharField(max_length=40, blank=True)

    def __str__(self):
        return self.title


class Performance(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="performances")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="performances")
    starts_at = models.DateTimeField()
    cancelled = models.BooleanField(default=False)
    notes = models.CharField(max_length=200, blank=True, help_text="e.g. relaxed performance, captioned")

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.production} @ {self.starts_at:%Y-%m-%d %H:%M}"
