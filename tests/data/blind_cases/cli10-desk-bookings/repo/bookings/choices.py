from django.db import models


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
    NO_SHOW = "no_show", "No-show"


class AdjustmentKind(models.TextChoices):
    # the booking is not charged at all (desk unusable, double booking on our side, ...)
    WAIVER = "waiver", "Full waiver"
    # the booking is charged at a reduced rate; percent says how much is taken off
    DISCOUNT = "discount", "Partial discount"


class AdjustmentStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"
    PAID = "paid", "Paid"
    VOID = "void", "Void"
