"""Desk usage per company, for the monthly ops meeting and for account managers."""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .models import Booking


@dataclass
class UsageRow:
    company: str
    bookings: int = 0
    hours: Decimal = Decimal("0")
    no_shows: int = 0
    waived: int = 0
    hours_by_kind: dict = field(default_factory=lambda: defaultdict(Decimal))

    @property
    def no_show_rate(self):
        return (self.no_shows / self.bookings) if self.bookings else 0.0


def usage(period, location_code=None):
    """Usage rows, one per company with at least one (not cancelled) booking in the period."""
    qs = (
        Booking.objects.not_cancelled()
        .starting_between(period.start, period.end)
        .annotate_waived()
        .select_related("desk", "member__company")
    )
    if location_code:
        qs = qs.at_location(location_code)

    rows = {}
    for booking in qs.iterator(chunk_size=500):
        company = booking.member.company
        row = rows.setdefault(company.pk, UsageRow(company=company.name))
        row.bookings += 1
        row.hours += booking.hours
        row.hours_by_kind[booking.desk.kind] += booking.hours
        if booking.status == Booking.Status.NO_SHOW:
            row.no_shows += 1
        if booking.is_waived:
            row.waived += 1
    return sorted(rows.values(), key=lambda r: (-r.hours, r.company))


CSV_HEADER = ["company", "bookings", "hours", "hot", "fixed", "office", "room", "no_shows", "waived"]


def as_csv_rows(rows):
    for row in rows:
        yield [
            row.company,
            row.bookings,
            f"{row.hours:.2f}",
            *(f"{row.hours_by_kind.get(kind, Decimal('0')):.2f}" for kind in ("hot", "fixed", "office", "room")),
            row.no_shows,
            row.waived,
        ]
