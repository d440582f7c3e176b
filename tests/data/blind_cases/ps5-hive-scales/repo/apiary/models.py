from django.conf import settings
from django.db import models
from django.utils import timezone


class Apiary(models.Model):
    """A bee yard: a group of hives at one location, looked after by one beekeeper."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    beekeeper = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="apiaries", on_delete=models.PROTECT)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        verbose_name_plural = "apiaries"

    def __str__(self):
        return self.name


class Hive(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active"
        DEAD = "dead"
        MERGED = "merged"
        SOLD = "sold"

    apiary = models.ForeignKey(Apiary, related_name="hives", on_delete=models.CASCADE)
    tag = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=80, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    queen_year = models.PositiveSmallIntegerField(null=True, blank=True)
    installed_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["apiary", "tag"]

    def __str__(self):
        return self.tag


class Scale(models.Model):
    """A LoRaWAN hive scale, identified by its DevEUI, installed under one hive."""

    device_eui = models.CharField(max_length=16, unique=True)
    hive = models.ForeignKey(Hive, related_name="scales", null=True, blank=True, on_delete=models.SET_NULL)
    installed_on = models.DateField(default=timezone.localdate)
    is_active = models.BooleanField(default=True)
    battery_low_since = models.DateField(null=True, blank=True)

    def __str__(self):
        return self.device_eui

    def save(self, *args, **kwargs):
        self.device_eui = self.device_eui.upper()
        super().save(*args, **kwargs)


class UnclaimedScale(models.Model):
    """A scale that sends data but is not registered yet; beekeepers claim it with ``manage.py claim_scale``."""

    device_eui = models.CharField(max_length=16, unique=True)
    first_seen_on = models.DateField()
    last_seen_on = models.DateField()

    class Meta:
        ordering = ["-last_seen_on"]

    def __str__(self):
        return self.device_eui


class Inspection(models.Model):
    hive = models.ForeignKey(Hive, related_name="inspections", on_delete=models.CASCADE)
    inspected_on = models.DateField(default=timezone.localdate)
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="inspections", on_delete=models.PROTECT)
    queen_seen = models.BooleanField(default=False)
    brood_frames = models.PositiveSmallIntegerField(default=0)
    varroa_per_100 = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-inspected_on"]


class SwarmAlert(models.Model):
    hive = models.ForeignKey(Hive, related_name="swarm_alerts", on_delete=models.CASCADE)
    detected_at = models.DateTimeField()
    drop_kg = models.DecimalField(max_digits=5, decimal_places=2)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["hive", "detected_at"], name="one_alert_per_drop")]
