from functools import cached_property
from zoneinfo import ZoneInfo

from django.db import models


class Gym(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    timezone = models.CharField(max_length=40, default="America/Denver")
    capacity = models.PositiveIntegerField(default=150)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name

    @cached_property
    def tzinfo(self):
        return ZoneInfo(self.timezone)


class Member(models.Model):
    class Plan(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        ANNUAL = "annual", "Annual"
        PUNCH = "punch", "10-visit punch card"
        YOUTH = "youth", "Youth team"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        FROZEN = "frozen", "Frozen (on hold)"
        CANCELLED = "cancelled", "Cancelled"

    membership_no = models.CharField(max_length=12, unique=True)
    card_no = models.CharField(max_length=20, unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField()
    home_gym = models.ForeignKey(Gym, related_name="members", on_delete=models.PROTECT)
    plan = models.CharField(max_length=8, choices=Plan.choices, default=Plan.MONTHLY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField()
    punches_left = models.PositiveSmallIntegerField(null=True, blank=True)

    # Rebuilt every night by access.jobs.rebuild_member_activity
    last_visit_on = models.DateField(null=True, blank=True)
    visits_30d = models.PositiveSmallIntegerField(default=0)
    streak_weeks = models.PositiveSmallIntegerField(default=0)
    favorite_gym = models.ForeignKey(Gym, null=True, blank=True, related_name="+", on_delete=models.SET_NULL)
    at_risk = models.BooleanField(default=False)
    activity_updated_at = models.DateTimeField(null=True, blank=True)
    lapse_nudged_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.membership_no})"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def can_enter(self):
        if self.status != self.Status.ACTIVE:
            return False
        if self.plan == self.Plan.PUNCH:
            return bool(self.punches_left)
        return True
