from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=100)
    tier = models.CharField(max_length=10)
    email = models.EmailField()
