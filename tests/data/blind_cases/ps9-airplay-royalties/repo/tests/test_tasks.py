from datetime import date

import pytest
from django.core import mail

from royalties import tasks
from royalties.models import RoyaltyPeriod, StatementLine


@pytest.fixture
def calculated_may(catalog):
    holders = catalog["holders"]
    period = RoyaltyPeriod.objects.create(start=date(2024, 5, 1), end=date(2024, 6, 1),
                                          status=RoyaltyPeriod.CALCULATED)
    StatementLine.objects.create(period=period, holder=holders["LBL1"], station="AWFM", plays=2, seconds=300,
                                 amount_cents=360)
    StatementLine.objects.create(period=period, holder=holders["LBL1"], station="AWCOAST", plays=1, seconds=200,
                                 amount_cents=100)
    StatementLine.objects.create(period=period, holder=holders["PUB1"], station="AWFM", plays=2, seconds=300,
                                 amount_cents=240)
    return period


def test_send_statements(calculated_may):
    assert tasks.send_statements.delay(calculated_may.pk).get() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["lbl1@example.com", "pub1@example.com"]
    label_mail = next(m for m in mail.outbox if m.to == ["lbl1@example.com"])
    assert "Total: 4.60 GBP" in label_mail.body
    calculated_may.refresh_from_db()
    assert calculated_may.status == RoyaltyPeriod.CLOSED


def test_send_statements_refuses_uncalculated_period(db):
    period = RoyaltyPeriod.objects.create(start=date(2024, 5, 1), end=date(2024, 6, 1))
    with pytest.raises(ValueError):
        tasks.send_statements.delay(period.pk).get()


def test_open_next_period_is_idempotent(db):
    first = tasks.open_next_period.delay().get()
    second = tasks.open_next_period.delay().get()
    assert first == second
    assert RoyaltyPeriod.objects.count() == 1


def test_for_month_december():
    assert RoyaltyPeriod(start=date(2024, 12, 1), end=date(2025, 1, 1)).label == "2024-12"
