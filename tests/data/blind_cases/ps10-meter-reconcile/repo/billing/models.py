from datetime import datetime, time, timedelta, timezone as dt_timezone

from django.db import models
from django.utils import timezone


class Tariff(models.Model):
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=100)
    unit_rate = models.DecimalField(max_digits=8, decimal_places=5, help_text="GBP per kWh")
    standing_charge = models.DecimalField(max_digits=8, decimal_places=5, help_text="GBP per day")

    def __str__(self):
        return self.code


class Household(models.Model):
    account_number = models.CharField(max_length=12, unique=True)
    holder_name = models.CharField(max_length=200)
    postcode = models.CharField(max_length=10)
    tariff = models.ForeignKey(Tariff, on_delete=models.PROTECT, related_name="households")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.account_number


class Meter(models.Model):
    serial = models.CharField(max_length=32, unique=True)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="meters")
    installed_on = models.DateField()
    removed_on = models.DateField(null=True, blank=True)
    is_smart = models.BooleanField(default=True)

    class Meta:
        ordering = ["serial"]

    def __str__(self):
        return self.serial

    @property
    def active(self):
        return self.removed_on is None


class BillingPeriodQuerySet(models.QuerySet):
    def due_for_reconciliation(self, cycle_end):
        """Closed periods that ended on or before ``cycle_end`` and have no reconciliation yet."""
        return self.filter(
            status=BillingPeriod.Status.CLOSED,
            end__lte=cycle_end,
            reconciliation__isnull=True,
        )


class BillingPeriod(models.Model):
    """One bill: the household's consumption on one meter between ``start`` and ``end`` (both inclusive)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        RECONCILED = "reconciled", "Reconciled"

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="billing_periods")
    meter = models.ForeignKey(Meter, on_delete=models.PROTECT, related_name="billing_periods")
    start = models.DateField()
    end = models.DateField()
    billed_kwh = models.DecimalField(max_digits=10, decimal_places=3)
    estimated = models.BooleanField(default=False, help_text="billed from an estimate, not a reading")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = BillingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["start", "household_id"]
        constraints = [
            models.UniqueConstraint(fields=["meter", "start"], name="one_period_per_meter_start"),
        ]

    def __str__(self):
        return f"{self.household_id} {self.start:%Y-%m-%d}..{self.end:%Y-%m-%d}"

    def reading_window(self):
        """The period as a half-open UTC interval [first local midnight, midnight after the last day)."""
        tz = timezone.get_default_timezone()
        lower = timezone.make_aware(datetime.combine(self.start, time.min), tz)
        upper = timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min), tz)
        return lower.astimezone(dt_timezone.utc), upper.astimezone(dt_timezone.utc)


class Reconciliation(models.Model):
    class Outcome(models.TextChoices):
        MATCHED = "matched", "Matched"
        OVER_BILLED = "over_billed", "Over-billed"
        UNDER_BILLED = "under_billed", "Under-billed"
        NO_DATA = "no_data", "Not enough readings"

    period = models.OneToOneField(BillingPeriod, on_delete=models.CASCADE, related_name="reconciliation")
    measured_kwh = models.DecimalField(max_digits=10, decimal_places=3, null=True, blank=True)
    difference_kwh = models.DecimalField(
        max_digits=10, decimal_places=3, null=True, blank=True, help_text="billed minus measured"
    )
    readings = models.PositiveIntegerField(default=0)
    gaps = models.PositiveIntegerField(default=0, help_text="holes of more than a day between readings")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.period} {self.outcome}"
