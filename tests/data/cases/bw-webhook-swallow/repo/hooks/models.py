from django.db import models
from django.utils import timezone


class Endpoint(models.Model):
    name = models.CharField(max_length=100)
    url = models.URLField()
    secret = models.CharField(max_length=64)
    events = models.CharField(max_length=200, help_text="comma separated event names, * for all")
    active = models.BooleanField(default=True)
    last_ping_ok = models.BooleanField(null=True)

    def wants(self, event):
        names = [e.strip() for e in self.events.split(",")]
        return "*" in names or event in names


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        DELIVERED = "delivered"
        FAILED = "failed"

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=50)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True)

    def record_attempt(self, error=""):
        self.attempts += 1
        self.last_error = error
        self.save(update_fields=["attempts", "last_error"])

    def mark_delivered(self, code):
        self.status = self.Status.DELIVERED
        self.response_code = code
        self.delivered_at = timezone.now()
        self.save(update_fields=["status", "response_code", "delivered_at"])

    def mark_failed(self, error):
        self.status = self.Status.FAILED
        self.last_error = error
        self.save(update_fields=["status", "last_error"])
