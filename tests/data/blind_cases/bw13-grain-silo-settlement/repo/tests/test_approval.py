from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from settlements.calculation import build_settlement
from settlements.models import Settlement, Statement
from settlements.services import SettlementError, approve_settlement


@pytest.fixture
def wheat_settlement(wheat, make_delivery, farmer):
    make_delivery(wheat, 41200, 14900, "13.8")
    return build_settlement(farmer, wheat, date(2024, 9, 1), date(2024, 9, 30))


@pytest.mark.django_db
def test_approval_queues_statement(wheat_settlement, stub_broker, run_queued):
    approve_settlement(wheat_settlement, approved_by="grain.accountant")

    wheat_settlement.refresh_from_db()
    assert wheat_settlement.status == Settlement.Status.APPROVED
    assert stub_broker.queues["statements"].qsize() == 1

    assert run_queued() == ["send_settlement_statement"]
    statement = Statement.objects.get(settlement=wheat_settlement)
    assert statement.net_payable == Decimal("8205.60")
    assert "8,205.60" in mail.outbox[0].body


@pytest.mark.django_db
def test_cannot_approve_twice(wheat_settlement):
    approve_settlement(wheat_settlement)
    with pytest.raises(SettlementError):
        approve_settlement(wheat_settlement)
