from django.db import models
from django.utils import timezone


class Agent(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField(unique=True)
    agency = models.CharField(max_length=120, blank=True)
    welcomed = models.BooleanField(default=False)

    def __str__(self):
        return self.name


class Listing(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft"
        ACTIVE = "active"
        EXPIRED = "expired"

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="listings")
    title = models.CharField(max_length=200)
    city = models.CharField(max_length=80)
    description = models.TextField(blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2)
    bedrooms = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.title} ({self.city})"


class ListingPhoto(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="photos")
    url = models.URLField()
    caption = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
