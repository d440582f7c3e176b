from django.db import models
from django.utils import timezone


class Loan(models.Model):
    """One item lent by one member library to another for one of its patrons."""

    class Status(models.TextChoices):
        IN_TRANSIT = "in_transit", "In transit to borrower"
        CHECKED_OUT = "checked_out", "Checked out to patron"
        RETURNED = "returned", "Returned"
        LOST = "lost", "Lost"
        CANCELLED = "cancelled", "Cancelled"

    class Condition(models.TextChoices):
        GOOD = "good", "Good"
        DAMAGED = "damaged", "Damaged"
        MISSING_PARTS = "missing_parts", "Missing parts"

    OPEN_STATUSES = (Status.IN_TRANSIT, Status.CHECKED_OUT)

    ill_number = models.CharField("ILL number", max_length=20, unique=True)
    item_barcode = models.CharField(max_length=32, db_index=True)
    title = models.CharField(max_length=255)
    lending_library = models.ForeignKey(
        "libraries.Library", on_delete=models.PROTECT, related_name="loans_lent"
    )
    borrowing_library = models.ForeignKey(
        "libraries.Library", on_delete=models.PROTECT, related_name="loans_borrowed"
    )
    patron_ref = models.CharField(max_length=40, blank=True, help_text="Patron id in the borrower's ILS")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_TRANSIT)
    shipped_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField()
    renewals = models.PositiveSmallIntegerField(default=0)
    returned_at = models.DateTimeField(null=True, blank=True)
    return_condition = models.CharField(max_length=16, choices=Condition.choices, blank=True)
    is_overdue = models.BooleanField(default=False)

    class Meta:
        ordering = ["-shipped_at"]
        indexes = [models.Index(fields=["borrowing_library", "status"])]

    def __str__(self):
        return f"{self.ill_number} {self.item_barcode} ({self.get_status_display()})"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


class LoanEvent(models.Model):
    """Audit trail of everything that happened to a loan."""

    class Kind(models.TextChoices):
        SHIPPED = "shipped", "Shipped"
        CHECKED_OUT = "checked_out", "Checked out"
        RENEWED = "renewed", "Renewed"
        OVERDUE = "overdue", "Flagged overdue"
        RETURNED = "returned", "Returned"
        LOST = "lost", "Declared lost"

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=80, blank=True)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.loan.ill_number} {self.kind} @ {self.at:%Y-%m-%d}"
