from django.db import models


class Store(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100)
    open = models.BooleanField(default=True)

    def __str__(self):
        return self.code


class Sale(models.Model):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="sales")
    receipt_no = models.CharField(max_length=24)
    total_yen = models.PositiveIntegerField()
    refunded = models.BooleanField(default=False)
    sold_at = models.DateTimeField(db_index=True)
