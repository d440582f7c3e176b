from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=20, unique=True)
    active = models.BooleanField(default=True)


class Store(models.Model):
    code = models.CharField(max_length=10, unique=True)


class Supplier(models.Model):
    code = models.CharField(max_length=10, unique=True)


class Price(models.Model):
    supplier = models.ForeignKey(Supplier, related_name="prices", on_delete=models.CASCADE)
    sku = models.CharField(max_length=20)
    amount = models.DecimalField(max_digits=8, decimal_places=2)


class StockLine(models.Model):
    store = models.ForeignKey(Store, null=True, on_delete=models.CASCADE)
    product = models.ForeignKey(Product, null=True, on_delete=models.CASCADE)
    qty = models.IntegerField(default=0)
