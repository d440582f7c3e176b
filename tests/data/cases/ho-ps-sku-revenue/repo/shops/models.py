from django.db import models


class Store(models.Model):
    code = models.CharField(max_length=8, unique=True, help_text="till store code; the web shop is WEB")
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.code


class Product(models.Model):
    sku = models.CharField(max_length=24, unique=True)
    name = models.CharField(max_length=200)
    unit_price = models.DecimalField(max_digits=8, decimal_places=2)


class SkuRevenue(models.Model):
    """Loaded from the Spark job's output for the buying team's dashboard."""
    day = models.DateField()
    store = models.ForeignKey(Store, on_delete=models.CASCADE)
    sku = models.CharField(max_length=24)
    units = models.PositiveIntegerField()
    revenue = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        unique_together = [("day", "store", "sku")]
