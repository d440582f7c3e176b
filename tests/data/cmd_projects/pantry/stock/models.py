from django.db import models


class Agency(models.Model):
    name = models.CharField(max_length=120, unique=True)
    email = models.EmailField()


class Item(models.Model):
    sku = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    expires_on = models.DateField(null=True, blank=True)


class Donation(models.Model):
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="donations")
    donor = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField()
    received_at = models.DateTimeField()


class Shift(models.Model):
    volunteer = models.CharField(max_length=120)
    started_at = models.DateTimeField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)


class AlertLog(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
    item = models.ForeignKey(Item, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(auto_now_add=True)
