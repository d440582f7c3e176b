from django.db import models


class Material(models.Model):
    code = models.CharField(max_length=20, unique=True, help_text="buyer's grade code, e.g. CU-BRIGHT")
    name = models.CharField(max_length=80)
    buyer_price_per_tonne = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    price_updated_at = models.DateTimeField(null=True, blank=True)
    accepting = models.BooleanField(default=True, help_text="off when we have no valid price")

    def __str__(self):
        return self.code


class PriceHistory(models.Model):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="price_history")
    quoted_on = models.DateField()
    price_per_tonne = models.DecimalField(max_digits=9, decimal_places=2)
    fetched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("material", "quoted_on")]
        ordering = ["-quoted_on"]
