from decimal import Decimal

import pytest
from django.core import mail

from settlements.models import Settlement, Statement
from settlements.tasks import send_settlement_statement


@pytest.fixture
def approved(farmer, canola):
    return Settlement.objects.create(number="S2409-0001", farmer=farmer, crop=canola,
                                     period_start="2024-09-01", period_end="2024-09-30",
                                     price_per_tonne=Decimal("650.00"), status=Settlement.Status.APPROVED)


def payload(settlement):
    return {
        "settlement_id": settlement.pk,
        "number": settlement.number,
        "farmer": {"member_no": "M-1042", "name": "Dale Kowalchuk", "email": "dale@kowalchukfarms.example"},
        "crop": "Canola",
        "period_start": "2024-09-01",
        "period_end": "2024-09-30",
        "price_per_tonne": "650.00",
        "deliveries": [{"ticket_no": "RSV-24001", "delivered_on": "2024-09-10", "net_kg": 24240,
                        "moisture_pct": "12.0"}],
        "delivered_tonnes": "24.240",
        "clean_tonnes": "23.294",
        "gross_amount": "15141.10",
        "deductions": [{"code": "DRY", "description": "Drying charge", "amount": Decimal("145.44")},
                       {"code": "LEVY", "description": "Canola commission levy", "amount": Decimal("29.12")}],
        "net_payable": "14966.54",
    }


@pytest.mark.django_db
def test_statement_rendered_stored_and_emailed(approved):
    send_settlement_statement(payload(approved))

    statement = Statement.objects.get(settlement=approved)
    assert statement.net_payable == Decimal("14966.54")
    assert statement.deductions_total == Decimal("174.56")
    assert [m.to for m in mail.outbox] == [["dale@kowalchukfarms.example"]]
    body = mail.outbox[0].body
    assert "S2409-0001" in body and "RSV-24001" in body
    assert "Less Drying charge" in body and "-145.44" in body
    assert "14,966.54" in body


@pytest.mark.django_db
def test_statement_not_sent_twice(approved):
    send_settlement_statement(payload(approved))
    send_settlement_statement(payload(approved))
    assert Statement.objects.count() == 1
    assert len(mail.outbox) == 1
