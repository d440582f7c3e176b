from django.db import models


class Account(models.Model):
    name = models.CharField(max_length=50)


class Entry(models.Model):
    amount = models.IntegerField()
    voided = models.BooleanField(default=False)


class Receipt(models.Model):
    entry_id = models.IntegerField()
    amount = models.IntegerField()
