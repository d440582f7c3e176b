from django.db import models


class Contact(models.Model):
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=120, blank=True)
    company = models.CharField(max_length=120, blank=True)
    city = models.CharField(max_length=80, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    orders_count = models.IntegerField(default=0)
    score = models.IntegerField(default=0)
    mailbox_ok = models.BooleanField(null=True)
    synced_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.email


class ContactExport(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    csv = models.TextField(blank=True)
    rows = models.IntegerField(default=0)
