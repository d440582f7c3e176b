from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from loans.models import Loan


@pytest.mark.django_db
def test_checkin_returns_loan(make_loan):
    loan = make_loan("31234000000202")
    out = StringIO()
    call_command("checkin_item", "31234000000202", stdout=out)
    loan.refresh_from_db()
    assert loan.status == Loan.Status.RETURNED
    assert "send back to ECL" in out.getvalue()


@pytest.mark.django_db
def test_checkin_unknown_barcode(libraries):
    with pytest.raises(CommandError, match="no open interlibrary loan"):
        call_command("checkin_item", "99999999999999", stdout=StringIO())
