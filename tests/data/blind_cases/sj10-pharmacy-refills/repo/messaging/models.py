from django.db import models


class OutboundMessage(models.Model):
    """Every SMS handed to the provider, kept for the compliance audit trail."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", "Accepted by provider"
        REJECTED = "rejected", "Rejected by provider"

    to = models.CharField(max_length=20, db_index=True)
    body = models.TextField()
    category = models.CharField(max_length=40, db_index=True)
    reference = models.CharField(max_length=80, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    provider_message_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["category", "created_at"])]

    def __str__(self):
        return f"{self.category} -> {self.to} ({self.status})"
