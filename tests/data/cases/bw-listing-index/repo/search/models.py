from django.db import models


class ListingDocument(models.Model):
    listing_id = models.BigIntegerField(unique=True)
    title = models.CharField(max_length=200)
    city = models.CharField(max_length=80)
    price = models.DecimalField(max_digits=12, decimal_places=2)
    status = models.CharField(max_length=10)
    photo_count = models.PositiveSmallIntegerField(default=0)
    cover_url = models.URLField(blank=True)
    body = models.TextField(blank=True)
    indexed_at = models.DateTimeField()
