from django.db import models

from donors.models import ABO_CHOICES, RH_CHOICES, Donor, Site


class Hospital(models.Model):
    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)

    def __str__(self):
        return self.code


class Unit(models.Model):
    class Component(models.TextChoices):
        RBC = "RBC", "red cells"
        PLT = "PLT", "platelets"
        FFP = "FFP", "fresh frozen plasma"

    class Status(models.TextChoices):
        QUARANTINE = "quarantine"
        AVAILABLE = "available"
        ISSUED = "issued"
        DISCARDED = "discarded"
        EXPIRED = "expired"

    din = models.CharField("donation identification number", max_length=20, unique=True)
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="units")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="units")
    component = models.CharField(max_length=3, choices=Component.choices)
    abo = models.CharField(max_length=2, choices=ABO_CHOICES)
    rh = models.CharField(max_length=1, choices=RH_CHOICES)
    volume_ml = models.PositiveIntegerField()
    collected_at = models.DateTimeField()
    expires_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUARANTINE)
    hold_reason = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["status", "expires_on"])]

    def __str__(self):
        return self.din


class Issue(models.Model):
    hospital = models.ForeignKey(Hospital, on_delete=models.PROTECT, related_name="issues")
    issued_at = models.DateTimeField()
    units = models.ManyToManyField(Unit, related_name="issues")

    def __str__(self):
        return f"{self.hospital} {self.issued_at:%Y-%m-%d %H:%M}"


class Discard(models.Model):
    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="discard")
    reason = models.CharField(max_length=200)
    discarded_at = models.DateTimeField()
