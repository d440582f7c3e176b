from django.db import models


class Booking(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested"
        CONFIRMED = "confirmed"
        REJECTED = "rejected"

    pet_name = models.CharField(max_length=80)
    chip_number = models.CharField(max_length=20)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    vaccinated = models.BooleanField(null=True)


class TaskRun(models.Model):
    name = models.CharField(max_length=80)
    ok = models.BooleanField(default=True)
    error = models.TextField(blank=True)
