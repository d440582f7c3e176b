from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """A message for the subscribers (extension office, irrigation advisory service).

    Written in the same transaction as the data it describes and delivered asynchronously by
    ``manage.py drain_outbox``.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        SENT = "sent"
        DEAD = "dead"

    topic = models.CharField(max_length=64)
    key = models.CharField(max_length=200, unique=True, help_text="idempotency key")
    payload = models.JSONField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self):
        return f"{self.topic} {self.key} ({self.status})"
