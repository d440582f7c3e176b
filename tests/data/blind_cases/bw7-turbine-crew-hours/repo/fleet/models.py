from decimal import Decimal

from django.db import models
from django.db.models import F


class Site(models.Model):
    class Kind(models.TextChoices):
        ONSHORE = "onshore", "Onshore"
        OFFSHORE = "offshore", "Offshore"

    code = models.SlugField(max_length=16, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ONSHORE)

    def __str__(self):
        return f"{self.code} ({self.name})"


class Turbine(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="turbines")
    tag = models.CharField(max_length=20)
    model_name = models.CharField(max_length=60, blank=True)
    rated_mw = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("3.60"))
    operating_hours = models.DecimalField(max_digits=10, decimal_places=1, default=Decimal("0"))
    service_interval_hours = models.PositiveIntegerField(default=4000)
    hours_at_last_service = models.DecimalField(max_digits=10, decimal_places=1, default=Decimal("0"))
    last_service_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "tag"], name="uniq_turbine_tag_per_site")]
        ordering = ["site__code", "tag"]

    def __str__(self):
        return f"{self.site.code}/{self.tag}"

    @property
    def hours_until_service(self):
        return self.hours_at_last_service + self.service_interval_hours - self.operating_hours

    def add_operating_hours(self, hours):
        """Add a SCADA counter delta. Several SCADA batches can land at the same time."""
        Turbine.objects.filter(pk=self.pk).update(operating_hours=F("operating_hours") + Decimal(hours))
        self.refresh_from_db(fields=["operating_hours"])
        return self.operating_hours

    def mark_serviced(self, when):
        self.hours_at_last_service = self.operating_hours
        self.last_service_at = when
        self.save(update_fields=["hours_at_last_service", "last_service_at"])
