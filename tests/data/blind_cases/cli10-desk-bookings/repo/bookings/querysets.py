from django.db import models
from django.db.models import Exists, OuterRef

from .choices import AdjustmentKind, AdjustmentStatus, BookingStatus, InvoiceStatus


class BookingQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=BookingStatus.CONFIRMED)

    def not_cancelled(self):
        return self.exclude(status=BookingStatus.CANCELLED)

    def starting_between(self, start, end):
        """Bookings that start in the half-open interval [start, end).

        `start` and `end` are aware datetimes (see bookings.periods); a booking
        belongs to the period it starts in, even if it runs past midnight.
        """
        return self.filter(start__gte=start, start__lt=end)

    def ended_before(self, moment):
        return self.filter(end__lt=moment)

    def for_company(self, company):
        return self.filter(member__company=company)

    def at_location(self, location_code):
        return self.filter(desk__location__code__iexact=location_code)

    def billable(self):
        """Bookings that go on an invoice.

        Confirmed bookings and no-shows are charged (no-shows hold the desk all
        the same); cancelled ones are not. A booking with an approved waiver is
        not charged; a rejected or still open waiver request changes nothing.
        Partial discounts are applied per line by bookings.invoicing.
        """
        return self.filter(status__in=[BookingStatus.CONFIRMED, BookingStatus.NO_SHOW]).exclude(
            adjustments__kind=AdjustmentKind.WAIVER,
            adjustments__status=AdjustmentStatus.APPROVED,
        )

    def on_issued_invoice(self):
        return self.filter(
            invoice_lines__invoice__status__in=[InvoiceStatus.ISSUED, InvoiceStatus.PAID],
        ).distinct()

    def not_on_issued_invoice(self):
        return self.exclude(
            invoice_lines__invoice__status__in=[InvoiceStatus.ISSUED, InvoiceStatus.PAID],
        )

    def with_open_requests(self):
        return self.filter(adjustments__status=AdjustmentStatus.REQUESTED).distinct()

    def annotate_waived(self):
        from .models import BookingAdjustment

        approved_waiver = BookingAdjustment.objects.filter(
            booking=OuterRef("pk"),
            kind=AdjustmentKind.WAIVER,
            status=AdjustmentStatus.APPROVED,
        )
        return self.annotate(is_waived=Exists(approved_waiver))


class AdjustmentQuerySet(models.QuerySet):
    def requested(self):
        return self.filter(status=AdjustmentStatus.REQUESTED)

    def approved(self):
        return self.filter(status=AdjustmentStatus.APPROVED)

    def requested_before(self, cutoff):
        return self.requested().filter(requested_at__lt=cutoff)

    def for_company(self, company):
        return self.filter(booking__member__company=company)
