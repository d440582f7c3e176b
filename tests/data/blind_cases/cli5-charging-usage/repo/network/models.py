from decimal import Decimal

from django.db import models


class Site(models.Model):
    code = models.CharField(max_length=16, unique=True, help_text="e.g. HH-ALT01")
    name = models.CharField(max_length=120)
    city = models.CharField(max_length=80)
    host_name = models.CharField(max_length=120, help_text="company hosting the chargers")
    host_email = models.EmailField(blank=True, help_text="receives the monthly usage statement")
    reimbursement_per_kwh = models.DecimalField(
        max_digits=6, decimal_places=4, default=Decimal("0.2900"),
        help_text="what we pay the host per kWh delivered at this site",
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Charger(models.Model):
    class Connector(models.TextChoices):
        TYPE2 = "type2", "Type 2 (AC)"
        CCS = "ccs", "CCS (DC)"
        CHADEMO = "chademo", "CHAdeMO (DC)"

    site = models.ForeignKey(Site, related_name="chargers", on_delete=models.PROTECT)
    evse_id = models.CharField(max_length=40, unique=True, help_text="e.g. DE*VPK*E0001*1")
    connector = models.CharField(max_length=8, choices=Connector.choices, default=Connector.TYPE2)
    max_kw = models.DecimalField(max_digits=6, decimal_places=1, default=Decimal("22.0"))
    price_per_kwh = models.DecimalField(max_digits=6, decimal_places=4, default=Decimal("0.5900"))
    idle_fee_per_minute = models.DecimalField(max_digits=5, decimal_places=3, default=Decimal("0.100"))
    idle_grace_minutes = models.PositiveSmallIntegerField(default=60)
    commissioned_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["site", "evse_id"]

    def __str__(self):
        return self.evse_id

    @property
    def is_dc(self):
        return self.connector in (self.Connector.CCS, self.Connector.CHADEMO)
