from django.db import models


class OutboxMessage(models.Model):
    """One SMS or email waiting to be (or already) delivered by ``outbox.tasks.flush_outbox``."""

    class Channel(models.TextChoices):
        SMS = "sms", "SMS"
        EMAIL = "email", "Email"

    kind = models.CharField(max_length=40, db_index=True)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    recipient = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    # Optional; producers that can be re-run set it so the same message is only queued once.
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="messages")
    created_at = models.DateTimeField(auto_now_add=True)
    send_after = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "send_after"])]

    def __str__(self):
        return f"{self.kind} → {self.recipient}"
