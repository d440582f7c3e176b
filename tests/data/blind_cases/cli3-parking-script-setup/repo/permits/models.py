from django.db import models

from meters.models import Zone


class Permit(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        ACTIVE = "active"
        EXPIRED = "expired"
        REVOKED = "revoked"

    number = models.CharField(max_length=12, unique=True)
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="permits")
    holder_name = models.CharField(max_length=120)
    address = models.CharField(max_length=200)
    plate = models.CharField(max_length=10)
    valid_from = models.DateField()
    valid_until = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["zone", "status"])]

    def __str__(self):
        return f"{self.number} {self.plate}"
