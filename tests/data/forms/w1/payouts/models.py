from django.db import models


class Payout(models.Model):
    iban = models.CharField(max_length=34)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    status = models.CharField(max_length=20, default="pending")
