from datetime import date, datetime, timezone as dt_timezone

from billing.models import BillingPeriod

from .conftest import make_period


def test_reading_window_follows_local_midnight_across_dst(meters):
    period = make_period(meters["E10BG00417"], date(2024, 3, 1), date(2024, 3, 31), "1")
    lower, upper = period.reading_window()
    assert lower == datetime(2024, 3, 1, 0, 0, tzinfo=dt_timezone.utc)
    # clocks went forward on 31 March: local midnight of 1 April is 23:00 UTC
    assert upper == datetime(2024, 3, 31, 23, 0, tzinfo=dt_timezone.utc)


def test_due_for_reconciliation_only_closed_and_ended(meters):
    due = make_period(meters["E10BG00417"], date(2024, 2, 1), date(2024, 2, 29), "1")
    make_period(meters["E10BG00588"], date(2024, 2, 1), date(2024, 2, 29), "1", status="open")
    make_period(meters["E10BG00417"], date(2024, 3, 1), date(2024, 3, 31), "1")
    assert list(BillingPeriod.objects.due_for_reconciliation(date(2024, 3, 1))) == [due]
