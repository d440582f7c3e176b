from django.db import models
from django.utils import timezone


class Driver(models.Model):
    employee_no = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=32, blank=True)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Vehicle(models.Model):
    class Status(models.TextChoices):
        IN_SERVICE = "in_service", "In service"
        OUT_OF_SERVICE = "out_of_service", "Out of service"
        RETIRED = "retired", "Retired"

    plate = models.CharField(max_length=16, unique=True)
    make_model = models.CharField(max_length=80)
    depot = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_SERVICE)
    odometer_km = models.PositiveIntegerField(default=0)
    tracker_id = models.CharField(max_length=32, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    insurer_synced_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.plate


class WorkOrder(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name="work_orders")
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    source_inspection = models.ForeignKey("inspections.Inspection", null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="work_orders")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
