from django.db import models


class Entry(models.Model):
    account = models.CharField(max_length=20)
    cents = models.IntegerField()
