from django.core.validators import MaxValueValidator
from django.db import models

from .isrc import normalise_isrc


class RightsHolder(models.Model):
    LABEL = "label"
    PUBLISHER = "publisher"
    KINDS = [(LABEL, "Label"), (PUBLISHER, "Publisher")]

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=KINDS)
    society_code = models.CharField(max_length=32, unique=True)
    statement_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.kind})"


class Track(models.Model):
    isrc = models.CharField(max_length=12, unique=True)
    title = models.CharField(max_length=300)
    artist = models.CharField(max_length=300)
    duration_s = models.PositiveIntegerField()
    label = models.ForeignKey(RightsHolder, on_delete=models.PROTECT, related_name="label_tracks")
    publisher = models.ForeignKey(
        RightsHolder, on_delete=models.PROTECT, null=True, blank=True, related_name="published_tracks"
    )
    # share of the airplay money that goes to the publisher, the rest goes to the label
    publisher_share_pct = models.PositiveSmallIntegerField(default=50, validators=[MaxValueValidator(100)])

    class Meta:
        ordering = ["isrc"]

    def save(self, *args, **kwargs):
        self.isrc = normalise_isrc(self.isrc)
        if self.publisher_id is None:
            self.publisher_share_pct = 0
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.artist} - {self.title} [{self.isrc}]"


class Station(models.Model):
    NATIONAL = "national"
    REGIONAL = "regional"
    COMMUNITY = "community"
    TIERS = [(NATIONAL, "National"), (REGIONAL, "Regional"), (COMMUNITY, "Community")]

    call_sign = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=120)
    tier = models.CharField(max_length=16, choices=TIERS)
    # tariff agreed with the collecting societies, per minute of music broadcast
    rate_cents_per_minute = models.PositiveIntegerField()
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["call_sign"]

    def __str__(self):
        return self.call_sign
