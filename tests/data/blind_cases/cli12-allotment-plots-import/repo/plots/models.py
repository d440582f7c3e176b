from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


class Site(models.Model):
    """One of the association's garden sites."""

    code = models.CharField(max_length=4, unique=True, help_text="Short code used in plot numbers, e.g. LH")
    name = models.CharField(max_length=100)
    address = models.CharField(max_length=200, blank=True)
    water_meter_no = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class PlotQuerySet(models.QuerySet):
    def lettable(self):
        return self.filter(is_lettable=True)


class Plot(models.Model):
    site = models.ForeignKey(Site, related_name="plots", on_delete=models.PROTECT)
    number = models.CharField(max_length=12, unique=True, help_text="Site code and plot number, e.g. LH-014")
    area_m2 = models.PositiveIntegerField()
    standard_fee = models.DecimalField(max_digits=6, decimal_places=2, validators=[MinValueValidator(0)],
                                       help_text="Yearly fee in EUR, before concessions")
    has_shed = models.BooleanField(default=False)
    is_lettable = models.BooleanField(default=True, help_text="Untick for plots used by the association itself")
    notes = models.TextField(blank=True)

    objects = PlotQuerySet.as_manager()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.number

    @property
    def minimum_fee(self):
        """Lowest fee anyone may pay for this plot (the concession rate)."""
        rate = Decimal(settings.CONCESSION_RATE)
        return (self.standard_fee * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
