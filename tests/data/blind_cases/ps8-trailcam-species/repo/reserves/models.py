from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Reserve(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    ranger_email = models.EmailField()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CameraQuerySet(models.QuerySet):
    def deployed(self):
        return self.filter(active=True, reserve__isnull=False)


class Camera(models.Model):
    code = models.CharField(max_length=20, unique=True)  # "HW-CAM-07"
    reserve = models.ForeignKey(Reserve, null=True, blank=True, on_delete=models.SET_NULL, related_name="cameras")
    installed_on = models.DateField()
    active = models.BooleanField(default=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = CameraQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class Species(models.Model):
    label_code = models.CharField(max_length=60, unique=True, help_text="label emitted by the classifier")
    common_name = models.CharField(max_length=120)
    scientific_name = models.CharField(max_length=120)
    min_confidence = models.DecimalField(
        max_digits=3, decimal_places=2, default=Decimal("0.80"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text="classifier detections below this score are ignored",
    )
    protected = models.BooleanField(default=False)
    invasive = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    reference_photo_url = models.URLField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["common_name"]
        verbose_name_plural = "species"

    def __str__(self):
        return f"{self.common_name} ({self.scientific_name})"
