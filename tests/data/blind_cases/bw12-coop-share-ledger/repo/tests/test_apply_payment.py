from decimal import Decimal

import pytest
from django.core import mail

from members.models import ShareAccount, ShareTransaction, ShoppingCredit
from payments.models import BankTransaction
from payments.tasks import apply_bank_payment


@pytest.mark.django_db
def test_share_payment_is_booked_and_receipted(make_member, matched_payment):
    member = make_member(412)
    txn = matched_payment(member, "40.00")

    apply_bank_payment(txn.pk)

    account = ShareAccount.objects.get(member=member)
    assert account.balance == Decimal("40.00")
    assert not account.is_fully_paid
    entry = ShareTransaction.objects.get(account=account)
    assert (entry.amount, entry.balance_after, entry.reference) == (Decimal("40.00"), Decimal("40.00"), txn.bank_id)
    txn.refresh_from_db()
    assert txn.status == BankTransaction.Status.APPLIED and txn.applied_at is not None
    assert len(mail.outbox) == 1
    assert "40.00 of 100.00" in mail.outbox[0].body and "Still to pay: 60.00" in mail.outbox[0].body


@pytest.mark.django_db
def test_installments_make_shares_fully_paid(make_member, matched_payment):
    member = make_member(413)
    for amount in ("30.00", "30.00", "40.00"):
        apply_bank_payment(matched_payment(member, amount).pk)

    account = ShareAccount.objects.get(member=member)
    assert account.balance == Decimal("100.00")
    assert account.is_fully_paid
    assert member.has_voting_rights
    assert "fully paid up" in mail.outbox[-1].body


@pytest.mark.django_db
def test_same_transaction_queued_twice_is_booked_once(make_member, matched_payment):
    member = make_member(414)
    txn = matched_payment(member, "25.00")

    apply_bank_payment(txn.pk)
    apply_bank_payment(txn.pk)

    assert ShareAccount.objects.get(member=member).balance == Decimal("25.00")
    assert ShareTransaction.objects.count() == 1


@pytest.mark.django_db
def test_shopping_top_up(make_member, matched_payment):
    member = make_member(415)
    apply_bank_payment(matched_payment(member, "20.00", BankTransaction.Purpose.SHOPPING).pk)
    apply_bank_payment(matched_payment(member, "15.50", BankTransaction.Purpose.SHOPPING).pk)

    assert ShoppingCredit.objects.get(member=member).balance == Decimal("35.50")
    assert ShareAccount.objects.get(member=member).balance == Decimal("0.00")


@pytest.mark.django_db
def test_unmatched_transaction_is_left_alone(make_member):
    member = make_member(416)
    txn = BankTransaction.objects.create(bank_id="TX-X", booked_on="2024-05-02", amount=Decimal("10.00"),
                                         remittance_info="gift", status=BankTransaction.Status.UNMATCHED)
    apply_bank_payment(txn.pk)
    txn.refresh_from_db()
    assert txn.status == BankTransaction.Status.UNMATCHED
    assert ShareAccount.objects.get(member=member).balance == Decimal("0.00")
