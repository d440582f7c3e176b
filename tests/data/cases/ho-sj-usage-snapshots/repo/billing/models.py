from django.db import models

from metering.models import Meter


class BillRun(models.Model):
    month = models.DateField(help_text="first day of the billed month")
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="bills")
    kwh = models.DecimalField(max_digits=12, decimal_places=3)
    amount_cents = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("month", "meter")]
