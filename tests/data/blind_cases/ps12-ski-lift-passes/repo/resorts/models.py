from django.db import models


class Resort(models.Model):
    code = models.CharField(max_length=8, unique=True, help_text="Short code used in reports, e.g. ALP")
    name = models.CharField(max_length=120)
    export_folder = models.CharField(
        max_length=60, help_text="Folder under GATE_EXPORT_ROOT the resort's gate system uploads to")
    gate_vendor = models.CharField(max_length=40, blank=True)
    timezone = models.CharField(max_length=40, default="America/Denver")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class Lift(models.Model):
    class Kind(models.TextChoices):
        CHAIR = "chair"
        GONDOLA = "gondola"
        SURFACE = "surface"
        CARPET = "carpet"

    resort = models.ForeignKey(Resort, related_name="lifts", on_delete=models.CASCADE)
    code = models.CharField(max_length=16)
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CHAIR)
    capacity_per_hour = models.PositiveIntegerField(default=1800)

    class Meta:
        ordering = ["resort", "code"]
        constraints = [models.UniqueConstraint(fields=["resort", "code"], name="uniq_lift_code_per_resort")]

    def __str__(self):
        return f"{self.resort.code} {self.name}"


class Gate(models.Model):
    """A turnstile/reader at the bottom of a lift. ``gate_id`` is what the gate system exports."""

    lift = models.ForeignKey(Lift, related_name="gates", on_delete=models.CASCADE)
    gate_id = models.CharField(max_length=32, unique=True)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.gate_id
