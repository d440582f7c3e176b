from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from loans.jobs import declare_long_overdue_lost, email_overdue_digests, flag_overdue_loans
from loans.models import Loan


@pytest.mark.django_db
def test_flag_overdue_once(make_loan):
    late = make_loan("31234000000103")
    assert flag_overdue_loans(today=date(2024, 3, 18)) == 0
    assert flag_overdue_loans(today=date(2024, 3, 20)) == 1
    assert flag_overdue_loans(today=date(2024, 3, 21)) == 0
    late.refresh_from_db()
    assert late.is_overdue


@pytest.mark.django_db
def test_digest_goes_to_borrowers_with_contact(make_loan):
    make_loan("31234000000110", borrower="WPL")
    make_loan("31234000000127", borrower="HPL")  # no contact address on file
    flag_overdue_loans(today=date(2024, 3, 25))
    assert email_overdue_digests(today=date(2024, 3, 25)) == 1
    assert mail.outbox[0].to == ["circ@westfield.example"]
    assert "31234000000110" in mail.outbox[0].body


@pytest.mark.django_db
def test_long_overdue_declared_lost(make_loan):
    loan = make_loan("31234000000134")
    assert declare_long_overdue_lost(today=date(2024, 4, 30)) == 0
    assert declare_long_overdue_lost(today=date(2024, 5, 20)) == 1
    loan.refresh_from_db()
    assert loan.status == Loan.Status.LOST


@pytest.mark.django_db
def test_nightly_command_runs_named_jobs(make_loan):
    make_loan("31234000000141")
    out = StringIO()
    call_command("nightly_jobs", "overdue", "--today", "2024-03-25", stdout=out)
    assert "overdue: 1" in out.getvalue()
