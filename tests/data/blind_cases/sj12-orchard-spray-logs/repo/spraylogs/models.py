from django.db import models

from orchards.models import Block, Farm


class Product(models.Model):
    registration_no = models.CharField("PCP registration no.", max_length=12, unique=True)
    name = models.CharField(max_length=120)
    active_ingredient = models.CharField(max_length=120)
    rei_hours = models.PositiveIntegerField("re-entry interval (h)", default=12)
    phi_days = models.PositiveIntegerField("pre-harvest interval (days)", default=0)
    registered = models.BooleanField(default=True)
    register_checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.registration_no})"


class Applicator(models.Model):
    name = models.CharField(max_length=120)
    licence_no = models.CharField(max_length=20, unique=True)
    licence_expires = models.DateField()

    def __str__(self):
        return f"{self.name} ({self.licence_no})"


class SprayRecord(models.Model):
    block = models.ForeignKey(Block, related_name="spray_records", on_delete=models.PROTECT)
    product = models.ForeignKey(Product, related_name="spray_records", on_delete=models.PROTECT)
    applicator = models.ForeignKey(Applicator, related_name="spray_records", on_delete=models.PROTECT)
    applied_at = models.DateTimeField()
    rate_per_ha = models.DecimalField("rate (L or kg / ha)", max_digits=7, decimal_places=3)
    area_ha = models.DecimalField(max_digits=6, decimal_places=2)
    water_l_per_ha = models.PositiveIntegerField(default=1000)
    target_pest = models.CharField(max_length=80)
    wind_kmh = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    temperature_c = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["applied_at"]
        indexes = [models.Index(fields=["applied_at"])]

    def __str__(self):
        return f"{self.block} {self.product.name} {self.applied_at:%Y-%m-%d}"

    @property
    def total_product(self):
        return self.rate_per_ha * self.area_ha


class Submission(models.Model):
    """One farm's spray log for one Monday–Sunday week, as filed with the Ministry."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUBMITTED = "submitted", "Submitted"
        FAILED = "failed", "Failed"

    farm = models.ForeignKey(Farm, related_name="spraylog_submissions", on_delete=models.PROTECT)
    week_start = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    record_count = models.PositiveIntegerField(default=0)
    archive_sha256 = models.CharField(max_length=64, blank=True)
    receipt_no = models.CharField(max_length=40, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-week_start", "farm__code"]
        constraints = [models.UniqueConstraint(fields=["farm", "week_start"], name="one_submission_per_farm_week")]

    def __str__(self):
        return f"{self.farm.code} week of {self.week_start} ({self.status})"
