from decimal import Decimal

from django.db import models
from django.utils import timezone


class Adjuster(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField(unique=True)
    handles_motor = models.BooleanField(default=True)
    handles_property = models.BooleanField(default=True)
    max_open_claims = models.PositiveSmallIntegerField(default=40)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Claim(models.Model):
    class LossType(models.TextChoices):
        MOTOR = "motor", "Motor"
        PROPERTY = "property", "Property"

    class Status(models.TextChoices):
        NEW = "new", "New"
        COVERAGE_CONFIRMED = "coverage_confirmed", "Coverage confirmed"
        NEEDS_REVIEW = "needs_review", "Needs manual review"
        DENIED = "denied", "Denied"
        CLOSED = "closed", "Closed"

    number = models.CharField(max_length=20, unique=True)
    policy_number = models.CharField(max_length=20, db_index=True)
    loss_type = models.CharField(max_length=10, choices=LossType.choices)
    peril = models.CharField(max_length=40, help_text="e.g. collision, theft, escape_of_water, storm")
    loss_date = models.DateField()
    reported_at = models.DateTimeField(default=timezone.now)
    claimant_name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    estimated_amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    review_reason = models.CharField(max_length=200, blank=True)
    adjuster = models.ForeignKey(Adjuster, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-reported_at"]

    def __str__(self):
        return self.number

    def needs_review(self, reason):
        self.status = self.Status.NEEDS_REVIEW
        self.review_reason = reason[:200]
        self.save(update_fields=["status", "review_reason", "updated_at"])


class PolicySnapshot(models.Model):
    """The policy as it was on the loss date, copied from the legacy mirror."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="policy_snapshot")
    legacy_policy_id = models.IntegerField()
    product = models.CharField(max_length=40)
    insured_name = models.CharField(max_length=120)
    effective_from = models.DateField()
    effective_to = models.DateField()
    peril_covered = models.BooleanField()
    limit = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    deductible = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    fetched_at = models.DateTimeField(default=timezone.now)


class ClaimNote(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notes")
    author = models.CharField(max_length=120, default="system")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
