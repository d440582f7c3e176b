from datetime import date, datetime, timezone as dt_timezone

import pytest

from loans.models import Loan, LoanEvent
from loans.services import LoanError, find_open_loan, normalize_barcode, record_return, renew

RETURNED = datetime(2024, 3, 15, 18, 0, tzinfo=dt_timezone.utc)


def test_normalize_barcode():
    assert normalize_barcode(" 3 1234 00567 ") == "3123400567"
    assert normalize_barcode("ecl-000123") == "ECL-000123"


@pytest.mark.django_db
def test_ship_sets_due_date(make_loan):
    loan = make_loan("31234000000011")
    assert loan.due_date == date(2024, 3, 19)
    assert loan.status == Loan.Status.CHECKED_OUT


@pytest.mark.django_db
def test_find_open_loan_is_scoped_to_borrower(make_loan, libraries):
    loan = make_loan("31234000000028", borrower="WPL")
    assert find_open_loan(" 31234000000028", libraries["WPL"]) == loan
    with pytest.raises(Loan.DoesNotExist):
        find_open_loan("31234000000028", libraries["HPL"])


@pytest.mark.django_db
def test_record_return_closes_loan_once(make_loan):
    loan = make_loan("31234000000035")
    assert record_return(loan, RETURNED, Loan.Condition.DAMAGED, source="test") is True
    assert record_return(loan, RETURNED, source="test") is False
    loan.refresh_from_db()
    assert loan.status == Loan.Status.RETURNED
    assert loan.return_condition == Loan.Condition.DAMAGED
    assert loan.events.filter(kind=LoanEvent.Kind.RETURNED).count() == 1


@pytest.mark.django_db
def test_renew_only_once(make_loan):
    loan = make_loan("31234000000042")
    renew(loan)
    assert loan.due_date == date(2024, 4, 16)
    with pytest.raises(LoanError):
        renew(loan)
