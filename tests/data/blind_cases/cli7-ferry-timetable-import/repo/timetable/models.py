from datetime import timedelta

from django.db import models


class Port(models.Model):
    code = models.CharField(max_length=5, unique=True, help_text="e.g. OBN, CRA, ARD")
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Vessel(models.Model):
    name = models.CharField(max_length=60, unique=True)
    imo_number = models.CharField(max_length=10, blank=True)
    passenger_capacity = models.PositiveIntegerField()
    car_capacity = models.PositiveIntegerField(default=0)
    in_service = models.BooleanField(default=True, help_text="untick while the vessel is in dry dock")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Route(models.Model):
    code = models.CharField(max_length=12, unique=True, help_text="e.g. OBN-CRA")
    origin = models.ForeignKey(Port, on_delete=models.PROTECT, related_name="departures")
    destination = models.ForeignKey(Port, on_delete=models.PROTECT, related_name="arrivals")
    crossing_minutes = models.PositiveIntegerField()
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code

    @property
    def crossing_time(self):
        return timedelta(minutes=self.crossing_minutes)


class Season(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    code = models.CharField(max_length=12, unique=True, help_text="e.g. S25 (summer 2025), W25")
    name = models.CharField(max_length=80)
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self):
        return f"{self.code} ({self.starts_on:%d %b %Y} - {self.ends_on:%d %b %Y})"

    def covers(self, day):
        return self.starts_on <= day <= self.ends_on


class Sailing(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="sailings")
    route = models.ForeignKey(Route, on_delete=models.PROTECT, related_name="sailings")
    vessel = models.ForeignKey(Vessel, on_delete=models.PROTECT, related_name="sailings", null=True, blank=True)
    departs_at = models.DateTimeField()
    arrives_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    cancel_reason = models.CharField(max_length=200, blank=True)
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["departs_at", "route__code"]
        constraints = [
            models.UniqueConstraint(fields=["route", "departs_at"], name="one_sailing_per_route_and_time"),
        ]

    def __str__(self):
        return f"{self.route.code} {self.departs_at:%Y-%m-%d %H:%M}"
