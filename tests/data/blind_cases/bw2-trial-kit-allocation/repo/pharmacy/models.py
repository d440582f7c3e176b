from django.db import models
from django.utils import timezone


class Kit(models.Model):
    class Status(models.TextChoices):
        AVAILABLE = "available", "Available"
        ALLOCATED = "allocated", "Allocated"
        DISPENSED = "dispensed", "Dispensed"
        EXPIRED = "expired", "Expired"
        QUARANTINED = "quarantined", "Quarantined"

    study = models.ForeignKey("trials.Study", on_delete=models.PROTECT, related_name="kits")
    site = models.ForeignKey("trials.Site", on_delete=models.PROTECT, related_name="kits", null=True, blank=True)
    arm = models.ForeignKey("trials.Arm", on_delete=models.PROTECT, related_name="kits")
    kit_number = models.CharField(max_length=20, unique=True)
    lot = models.CharField(max_length=32)
    expires_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.AVAILABLE)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["expires_on", "kit_number"]

    def __str__(self):
        return self.kit_number


class KitAssignment(models.Model):
    randomization = models.OneToOneField("trials.Randomization", on_delete=models.PROTECT,
                                         related_name="kit_assignment")
    kit = models.OneToOneField(Kit, on_delete=models.PROTECT, related_name="assignment")
    assigned_at = models.DateTimeField(default=timezone.now)
    pharmacist_notified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.kit} -> {self.randomization}"


class ResupplyRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        SHIPPED = "shipped", "Shipped"

    site = models.ForeignKey("trials.Site", on_delete=models.PROTECT, related_name="resupply_requests")
    arm = models.ForeignKey("trials.Arm", on_delete=models.PROTECT)
    quantity = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-requested_at"]
