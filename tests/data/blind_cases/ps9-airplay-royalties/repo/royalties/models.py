from datetime import date

from django.db import models


class RoyaltyPeriod(models.Model):
    OPEN = "open"
    CALCULATED = "calculated"
    CLOSED = "closed"
    STATUSES = [(OPEN, "Open"), (CALCULATED, "Calculated"), (CLOSED, "Closed")]

    start = models.DateField(unique=True)
    end = models.DateField(help_text="exclusive")
    status = models.CharField(max_length=16, choices=STATUSES, default=OPEN)
    calculated_at = models.DateTimeField(null=True, blank=True)
    unmatched_plays = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-start"]

    @property
    def label(self):
        return self.start.strftime("%Y-%m")

    @classmethod
    def for_month(cls, year, month):
        start = date(year, month, 1)
        end = date(year + (month == 12), month % 12 + 1, 1)
        period, _ = cls.objects.get_or_create(start=start, defaults={"end": end})
        return period

    def __str__(self):
        return self.label


class StatementLine(models.Model):
    period = models.ForeignKey(RoyaltyPeriod, on_delete=models.CASCADE, related_name="lines")
    holder = models.ForeignKey("catalog.RightsHolder", on_delete=models.PROTECT, related_name="statement_lines")
    station = models.CharField(max_length=16)
    plays = models.PositiveIntegerField()
    seconds = models.PositiveBigIntegerField()
    amount_cents = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["period", "holder", "station"]
        constraints = [
            models.UniqueConstraint(fields=["period", "holder", "station"], name="one_line_per_holder_station"),
        ]

    def __str__(self):
        return f"{self.period} {self.holder_id} {self.station}: {self.amount_cents}"
