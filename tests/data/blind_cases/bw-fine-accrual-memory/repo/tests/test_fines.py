from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Title
from circulation.models import FineCharge, Patron
from circulation.tasks import accrue_overdue_fines

from .conftest import DAY


@pytest.mark.django_db
def test_overdue_loan_is_charged_once_per_day(make_loan, patron):
    loan = make_loan(DAY - timedelta(days=3))
    make_loan(DAY)  # due today: not overdue yet
    make_loan(DAY - timedelta(days=9), returned_at=timezone.now())

    result = accrue_overdue_fines(DAY.isoformat())
    again = accrue_overdue_fines(DAY.isoformat())

    assert result["loans"] == 1 and result["charged"] == "0.25"
    assert again["loans"] == 0
    assert list(FineCharge.objects.values_list("loan_id", "day", "amount")) == [(loan.pk, DAY, Decimal("0.25"))]
    assert Patron.objects.get(pk=patron.pk).balance == Decimal("0.25")


@pytest.mark.django_db
def test_fines_stop_at_the_cap(make_loan, patron):
    cheap = Title.objects.create(title="Paperback", replacement_cost=Decimal("0.60"))
    loan = make_loan(DAY - timedelta(days=30), title=cheap)
    for offset in range(4):
        accrue_overdue_fines((DAY + timedelta(days=offset)).isoformat())
    amounts = list(FineCharge.objects.filter(loan=loan).order_by("day").values_list("amount", flat=True))
    assert amounts == [Decimal("0.25"), Decimal("0.25"), Decimal("0.10")]
    assert Patron.objects.get(pk=patron.pk).balance == Decimal("0.60")


@pytest.mark.django_db
def test_exempt_titles_are_not_charged(make_loan):
    kids = Title.objects.create(title="Picture book", fine_exempt=True)
    make_loan(DAY - timedelta(days=5), title=kids)
    assert accrue_overdue_fines(DAY.isoformat())["loans"] == 0
    assert not FineCharge.objects.exists()


@pytest.mark.django_db
def test_patrons_over_the_limit_are_blocked(make_loan, patron):
    for _ in range(40):
        make_loan(DAY - timedelta(days=1))
    result = accrue_overdue_fines(DAY.isoformat())
    assert result["charged"] == "10.00"
    assert result["blocked"] == 1
    assert Patron.objects.get(pk=patron.pk).blocked


@pytest.mark.django_db
def test_waive_fines_command(make_loan, patron, capsys):
    make_loan(DAY - timedelta(days=2))
    accrue_overdue_fines(DAY.isoformat())
    call_command("waive_fines", patron.card_number, "--reason", "hardship")
    patron.refresh_from_db()
    assert patron.balance == 0 and not patron.blocked
    assert FineCharge.objects.get().waived
    assert "1 fine(s) waived" in capsys.readouterr().out


@pytest.mark.django_db
def test_fines_report(make_loan, capsys):
    make_loan(DAY - timedelta(days=2))
    make_loan(DAY - timedelta(days=4))
    accrue_overdue_fines(DAY.isoformat())
    call_command("fines_report", "--date", DAY.isoformat())
    assert "MAIN" in capsys.readouterr().out
