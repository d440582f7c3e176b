import secrets

from django.db import models
from django.utils import timezone


class Site(models.Model):
    """One locker bank (a wall of compartments at a station, supermarket, ...)."""

    code = models.CharField(max_length=12, unique=True, help_text="LockerLink site id, e.g. AMS-CS-02")
    name = models.CharField(max_length=120)
    address = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Compartment(models.Model):
    class Size(models.TextChoices):
        SMALL = "S", "small"
        MEDIUM = "M", "medium"
        LARGE = "L", "large"

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="compartments")
    label = models.CharField(max_length=8, help_text="as printed on the door, e.g. B07")
    size = models.CharField(max_length=1, choices=Size.choices, default=Size.MEDIUM)
    occupied = models.BooleanField(default=False)
    out_of_order = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "label"], name="uniq_compartment_label")]
        ordering = ["site", "label"]

    def __str__(self):
        return f"{self.site.code}/{self.label}"


def new_pickup_pin():
    return f"{secrets.randbelow(10**6):06d}"


class Parcel(models.Model):
    class Status(models.TextChoices):
        ANNOUNCED = "announced", "announced by carrier"
        IN_LOCKER = "in_locker", "waiting in locker"
        COLLECTED = "collected", "collected by recipient"
        EXPIRED = "expired", "not collected in time"
        RETURNED = "returned", "taken back by courier"

    tracking_code = models.CharField(max_length=32, unique=True)
    carrier = models.CharField(max_length=40)
    recipient_name = models.CharField(max_length=120)
    recipient_email = models.EmailField(blank=True)
    recipient_phone = models.CharField(max_length=20, blank=True)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="parcels")
    compartment = models.ForeignKey(Compartment, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="parcels")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ANNOUNCED)
    pickup_pin = models.CharField(max_length=6, default=new_pickup_pin)
    announced_at = models.DateTimeField(default=timezone.now)
    deposited_at = models.DateTimeField(null=True, blank=True)
    pickup_deadline = models.DateTimeField(null=True, blank=True)
    collected_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "pickup_deadline"])]

    def __str__(self):
        return self.tracking_code


class LockerEvent(models.Model):
    """Every event received from LockerLink, kept for support and for replays."""

    seq = models.BigIntegerField(unique=True, help_text="LockerLink's global event sequence number")
    kind = models.CharField(max_length=40)
    site_code = models.CharField(max_length=12)
    compartment_label = models.CharField(max_length=8, blank=True)
    tracking_code = models.CharField(max_length=32, blank=True)
    occurred_at = models.DateTimeField()
    payload = models.JSONField(default=dict, blank=True)
    parcel = models.ForeignKey(Parcel, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    unmatched = models.BooleanField(default=False, help_text="no parcel or compartment for this event")
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["seq"]

    def __str__(self):
        return f"#{self.seq} {self.kind} {self.site_code}/{self.compartment_label}"


class LockerAlert(models.Model):
    class Kind(models.TextChoices):
        DOOR_LEFT_OPEN = "door_left_open", "door left open"
        FORCED = "forced", "door forced"
        OFFLINE = "offline", "site offline"

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="alerts")
    compartment = models.ForeignKey(Compartment, null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    raised_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]


class SyncCursor(models.Model):
    """How far a feed consumer has read (last applied sequence number)."""

    name = models.CharField(max_length=40, unique=True)
    position = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.name} @ {self.position}"
