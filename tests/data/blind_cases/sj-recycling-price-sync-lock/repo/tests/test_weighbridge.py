from datetime import date, datetime, timedelta, timezone as dt_timezone
from decimal import Decimal

import pytest

from weighbridge.jobs import close_open_tickets, daily_tonnage_summary
from weighbridge.models import Customer, DailyTonnage, Ticket

NOW = datetime(2024, 5, 14, 21, 30, tzinfo=dt_timezone.utc)


@pytest.fixture
def ticket(materials):
    customer = Customer.objects.create(name="De Vries Installatietechniek", id_checked=True)

    def _make(number, **kwargs):
        defaults = dict(customer=customer, material=materials["CU-BRIGHT"], gross_kg=2140, opened_at=NOW)
        defaults.update(kwargs)
        return Ticket.objects.create(number=number, **defaults)
    return _make


@pytest.mark.django_db
def test_close_open_tickets(ticket):
    old = ticket("T-1", opened_at=NOW - timedelta(hours=14))
    fresh = ticket("T-2", opened_at=NOW - timedelta(hours=1))
    assert close_open_tickets(now=NOW) == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == Ticket.Status.VOID and fresh.status == Ticket.Status.OPEN
    assert close_open_tickets(now=NOW) == 0


@pytest.mark.django_db
def test_daily_tonnage_rerun_overwrites(ticket):
    ticket("T-3", tare_kg=1980, status="paid", closed_at=NOW, price_per_kg=Decimal("6.27"))
    ticket("T-4", gross_kg=1800, tare_kg=1700, status="weighed", closed_at=NOW)
    daily_tonnage_summary(day=date(2024, 5, 14))
    daily_tonnage_summary(day=date(2024, 5, 14))
    row = DailyTonnage.objects.get()
    assert (row.net_kg, row.tickets) == (260, 2)
