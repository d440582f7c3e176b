from django.db import models


class Port(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Vessel(models.Model):
    name = models.CharField(max_length=80, unique=True)
    passenger_capacity = models.PositiveIntegerField()
    vehicle_capacity = models.PositiveIntegerField(help_text="car-equivalent deck lanes")
    in_service = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Route(models.Model):
    code = models.CharField(max_length=12, unique=True)
    origin = models.ForeignKey(Port, on_delete=models.PROTECT, related_name="+")
    destination = models.ForeignKey(Port, on_delete=models.PROTECT, related_name="+")
    crossing_minutes = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.origin.code}-{self.destination.code}"


class Sailing(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled"
        DELAYED = "delayed"
        DEPARTED = "departed"
        ARRIVED = "arrived"
        CANCELLED = "cancelled"

    route = models.ForeignKey(Route, on_delete=models.PROTECT, related_name="sailings")
    vessel = models.ForeignKey(Vessel, on_delete=models.PROTECT, related_name="sailings")
    departs_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    delay_minutes = models.PositiveIntegerField(default=0)
    manifest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["departs_at"]
        indexes = [models.Index(fields=["status", "departs_at"])]

    def __str__(self):
        return f"{self.route} {self.departs_at:%Y-%m-%d %H:%M}"

    @property
    def expected_departure(self):
        from datetime import timedelta
        return self.departs_at + timedelta(minutes=self.delay_minutes)
