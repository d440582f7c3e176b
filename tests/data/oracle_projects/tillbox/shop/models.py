from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=80)
    email = models.EmailField()


class Order(models.Model):
    STATUS = [("new", "new"), ("synced", "synced"), ("failed", "failed")]

    customer = models.ForeignKey(Customer, related_name="orders", on_delete=models.CASCADE)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    status = models.CharField(max_length=10, choices=STATUS, default="new")
