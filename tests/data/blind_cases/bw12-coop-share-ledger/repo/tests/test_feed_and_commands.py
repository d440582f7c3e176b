from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from members.models import InsufficientFunds, ShareAccount, ShareTransaction, ShoppingCredit
from payments.feed import import_statement, parse_amount
from payments.matching import parse_reference
from payments.models import BankTransaction

from .conftest import statement


def test_parse_reference_variants():
    assert parse_reference("SHARE-00412 Jansen") == (BankTransaction.Purpose.SHARES, 412)
    assert parse_reference("shares 412 installment 2") == (BankTransaction.Purpose.SHARES, 412)
    assert parse_reference("Shop/0099") == (BankTransaction.Purpose.SHOPPING, 99)
    assert parse_reference("rent may") == (None, None)


def test_parse_amount():
    assert parse_amount("1.250,00") == Decimal("1250.00")
    assert parse_amount("40,5") == Decimal("40.50")
    assert parse_amount("12.30") == Decimal("12.30")


@pytest.mark.django_db
def test_import_matches_and_skips_known_lines(make_member):
    make_member(7, iban="NL02RABO0123456789")
    rows = [
        ("B1", "2024-05-02", "50,00", "EUR", "A. Member", "NL02 RABO 0123 4567 89", "SHARE-00007"),
        ("B2", "2024-05-02", "10,00", "EUR", "A. Member", "NL02RABO0123456789", "no reference"),
        ("B3", "2024-05-02", "99,00", "EUR", "Stranger", "DE89370400440532013000", "donation"),
    ]
    assert len(import_statement(statement(*rows))) == 2
    assert import_statement(statement(*rows)) == []
    assert BankTransaction.objects.get(bank_id="B3").status == BankTransaction.Status.UNMATCHED


@pytest.mark.django_db
def test_import_command_applies_payments(make_member, tmp_path):
    member = make_member(8)
    path = tmp_path / "statement.csv"
    path.write_text(statement(
        ("C1", "2024-05-03", "60,00", "EUR", "M8", "", "SHARE-00008"),
        ("C2", "2024-05-03", "12,00", "EUR", "M8", "", "SHOP-00008"),
    ).getvalue())
    out = StringIO()
    call_command("import_bank_statement", str(path), stdout=out)
    assert "2 matched, 2 queued" in out.getvalue()
    assert ShareAccount.objects.get(member=member).balance == Decimal("60.00")
    assert ShoppingCredit.objects.get(member=member).balance == Decimal("12.00")


@pytest.mark.django_db
def test_reconcile_reports_and_fixes_mismatch(make_member):
    member = make_member(9)
    account = ShareAccount.objects.get(member=member)
    account.credit("30.00")
    ShareAccount.objects.filter(pk=account.pk).update(balance=Decimal("10.00"))
    out = StringIO()
    call_command("reconcile_shares", "--fix", stdout=out)
    assert "balance 10.00, ledger 30.00" in out.getvalue()
    assert ShareAccount.objects.get(pk=account.pk).balance == Decimal("30.00")


@pytest.mark.django_db
def test_redeem_cannot_exceed_balance(make_member):
    member = make_member(10)
    account = ShareAccount.objects.get(member=member)
    account.credit("100.00")
    with pytest.raises(InsufficientFunds):
        account.redeem("150.00")
    account.redeem("100.00", note="member left")
    account.refresh_from_db()
    assert account.balance == Decimal("0.00") and not account.is_fully_paid
    assert ShareTransaction.objects.filter(account=account).count() == 2


@pytest.mark.django_db
def test_shopping_credit_cannot_go_negative(make_member):
    member = make_member(11)
    credit = ShoppingCredit.objects.create(member=member)
    credit.top_up("5.00")
    with pytest.raises(InsufficientFunds):
        credit.spend("7.50")
    assert credit.spend("5.00") == Decimal("0.00")
