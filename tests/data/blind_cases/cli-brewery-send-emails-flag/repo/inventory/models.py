from django.db import models

from brewhouse.models import Site


class Ingredient(models.Model):
    class Kind(models.TextChoices):
        MALT = "malt", "Malt"
        HOPS = "hops", "Hops"
        YEAST = "yeast", "Yeast"
        ADJUNCT = "adjunct", "Adjunct"

    name = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reorder_level_kg = models.DecimalField(max_digits=8, decimal_places=2)
    supplier = models.CharField(max_length=80, blank=True)

    def __str__(self):
        return self.name


class StockLevel(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="stock")
    ingredient = models.ForeignKey(Ingredient, on_delete=models.CASCADE, related_name="stock")
    quantity_kg = models.DecimalField(max_digits=8, decimal_places=2)
    counted_at = models.DateTimeField()
    flagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = [("site", "ingredient")]
