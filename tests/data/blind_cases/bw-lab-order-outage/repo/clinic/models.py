from django.db import models
from django.utils import timezone


class Owner(models.Model):
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    sms_opt_in = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Patient(models.Model):
    class Species(models.TextChoices):
        DOG = "dog", "Dog"
        CAT = "cat", "Cat"
        RABBIT = "rabbit", "Rabbit"
        OTHER = "other", "Other"

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="patients")
    name = models.CharField(max_length=80)
    species = models.CharField(max_length=16, choices=Species.choices)
    breed = models.CharField(max_length=80, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    weight_kg = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    microchip = models.CharField(max_length=20, blank=True)

    def __str__(self):
        return f"{self.name} ({self.get_species_display()})"


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        ARRIVED = "arrived", "Arrived"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="appointments")
    vet = models.CharField(max_length=80)
    starts_at = models.DateTimeField()
    reason = models.CharField(max_length=200)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BOOKED)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]

    @property
    def is_upcoming(self):
        return self.status == self.Status.BOOKED and self.starts_at > timezone.now()
