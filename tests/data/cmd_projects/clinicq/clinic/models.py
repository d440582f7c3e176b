from django.db import models


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Patient(TimeStamped):
    mrn = models.CharField("medical record number", max_length=20, unique=True)
    name = models.CharField(max_length=120)


class Appointment(TimeStamped):
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE)
    vaccine = models.CharField(max_length=40)
    slot = models.DateTimeField()
    cancelled = models.BooleanField(default=False)


class Visit(TimeStamped):
    appointment = models.OneToOneField(Appointment, on_delete=models.CASCADE)
    checked_in_at = models.DateTimeField()
