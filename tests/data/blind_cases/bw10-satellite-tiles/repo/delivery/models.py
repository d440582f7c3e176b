from django.db import models

from imagery.models import Scene


class Subscription(models.Model):
    customer = models.CharField(max_length=120)
    webhook_url = models.URLField()
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    max_cloud_cover = models.FloatField(default=0.3, help_text="0..1, measured over our tiles")
    platforms = models.CharField(max_length=200, blank=True, help_text="comma separated, empty for all")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.customer} ({self.pk})"

    @property
    def bbox(self):
        return (self.min_lon, self.min_lat, self.max_lon, self.max_lat)

    def platform_list(self):
        return [p.strip() for p in self.platforms.split(",") if p.strip()]


class DeliveryNotice(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="notices")
    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="notices")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "scene"], name="one_notice_per_scene")]
