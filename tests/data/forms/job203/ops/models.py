from django.db import models


class Target(models.Model):
    code = models.CharField(max_length=10)
    url = models.CharField(max_length=200)


class Threshold(models.Model):
    name = models.CharField(max_length=20)
    value = models.FloatField()


class Reading(models.Model):
    name = models.CharField(max_length=20)
    value = models.FloatField()


class Holiday(models.Model):
    day = models.DateField()


class Rate(models.Model):
    currency = models.CharField(max_length=3)
    value = models.DecimalField(max_digits=10, decimal_places=4)


class Outbox(models.Model):
    channel = models.CharField(max_length=20)
    body = models.CharField(max_length=200)
