from django.db import models

from stores.models import Store


class DailyTakings(models.Model):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="takings")
    business_day = models.DateField()
    gross_yen = models.PositiveIntegerField()
    sales = models.PositiveIntegerField()
    refunds = models.PositiveIntegerField()
    closed_at = models.DateTimeField()

    class Meta:
        unique_together = [("store", "business_day")]
        ordering = ["-business_day", "store__code"]
