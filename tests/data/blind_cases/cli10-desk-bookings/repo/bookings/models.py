from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from spaces.models import Company, Desk, Member

from .choices import AdjustmentKind, AdjustmentStatus, BookingStatus, InvoiceStatus
from .querysets import AdjustmentQuerySet, BookingQuerySet

QUARTER_HOUR = Decimal("0.25")


class Booking(models.Model):
    Status = BookingStatus

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="bookings")
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="bookings")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="booking_ends_after_start"),
        ]

    def __str__(self):
        local = timezone.localtime(self.start)
        return f"{self.desk} {local:%Y-%m-%d %H:%M} {self.member}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "A booking must end after it starts."})

    @property
    def hours(self):
        """Booked time in hours, rounded up to the next quarter hour."""
        seconds = Decimal((self.end - self.start).total_seconds())
        quarters = (seconds / 900).to_integral_value(rounding="ROUND_CEILING")
        return quarters * QUARTER_HOUR


class BookingAdjustment(models.Model):
    """A request from a member (via the front desk) to reduce what a booking costs."""

    Kind = AdjustmentKind
    Status = AdjustmentStatus

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    percent = models.PositiveSmallIntegerField(null=True, blank=True, help_text="discounts only: percent taken off")
    reason = models.TextField()
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=60, blank=True)

    objects = AdjustmentQuerySet.as_manager()

    class Meta:
        ordering = ["requested_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.status}) for booking #{self.booking_id}"

    def clean(self):
        if self.kind == self.Kind.DISCOUNT and not self.percent:
            raise ValidationError({"percent": "A discount needs a percentage."})
        if self.percent is not None and not 0 < self.percent <= 100:
            raise ValidationError({"percent": "Use a percentage between 1 and 100."})

    def decide(self, approved, by):
        self.status = self.Status.APPROVED if approved else self.Status.REJECTED
        self.decided_at = timezone.now()
        self.decided_by = by
        self.save(update_fields=["status", "decided_at", "decided_by"])


class Invoice(models.Model):
    Status = InvoiceStatus

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="invoices")
    number = models.CharField(max_length=30, unique=True)
    period_start = models.DateField()
    period_end = models.DateField(help_text="last day of the period, inclusive")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    subtotal = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    vat = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    total = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    created_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "company__name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "period_start"], name="one_invoice_per_company_period"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    booking = models.ForeignKey(Booking, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="invoice_lines")
    description = models.CharField(max_length=200)
    hours = models.DecimalField(max_digits=7, decimal_places=2)
    unit_price = models.DecimalField(max_digits=7, decimal_places=2)
    discount_percent = models.PositiveSmallIntegerField(default=0)
    amount = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.description


def money(value):
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
