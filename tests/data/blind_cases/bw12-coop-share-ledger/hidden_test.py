"""Acceptance tests: two payments for the same member that are processed by two
Huey workers at the same moment must both end up in the member's paid-up share
capital (and in the ledger), and the shares count as fully paid once together
they reach the required amount.

Real threads are not usable against the in-memory SQLite test database, so the
production interleaving is replayed deterministically: while the first worker
is applying its payment and has just read the member's share account from the
database, the second worker applies its payment completely (as a worker on
another thread would). If the first worker read the account with
SELECT ... FOR UPDATE, the second worker would have to wait for that lock, so in
that case it runs after the first worker has finished.
"""
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models.signals import post_init

from members.models import Member, ShareAccount, ShareClass, ShareTransaction
from payments.models import BankTransaction
from payments.tasks import apply_bank_payment

ACCOUNT_TABLE = ShareAccount._meta.db_table
FOR_UPDATE = re.compile(r"\s+FOR\s+(NO\s+KEY\s+)?UPDATE\b.*$", re.IGNORECASE | re.DOTALL)


class SecondWorker:
    def __init__(self):
        self.job = None
        self.armed = False
        self.ran = False
        self.last_account_read_locked = False

    # -- database hooks -------------------------------------------------------
    def execute(self, execute, sql, params, many, context):
        locked = bool(FOR_UPDATE.search(sql))
        if locked:
            sql = FOR_UPDATE.sub("", sql)  # SQLite has no row locks; we model them here
        if ACCOUNT_TABLE in sql and sql.lstrip().upper().startswith("SELECT"):
            self.last_account_read_locked = locked
        return execute(sql, params, many, context)

    def account_loaded(self, sender, instance, **kwargs):
        if not self.armed:
            return
        self.armed = False  # only the first worker's first read of the account
        if not self.last_account_read_locked:
            self._run()
        # else: the account row is locked, the second worker waits until the first is done

    # -- driver ---------------------------------------------------------------
    def _run(self):
        if not self.ran:
            self.ran = True
            self.job()

    def run_concurrently(self, first, second):
        self.job, self.armed, self.ran = second, True, False
        try:
            first()
        finally:
            self.armed = False
        self._run()


@pytest.fixture
def second_worker(monkeypatch):
    # Let SELECT ... FOR UPDATE reach the execute hook (it is stripped there before SQLite sees it).
    for flag in ("has_select_for_update", "has_select_for_update_nowait", "has_select_for_update_skip_locked",
                 "has_select_for_update_of", "supports_select_for_update_with_limit"):
        monkeypatch.setattr(connection.features, flag, True)
    worker = SecondWorker()
    post_init.connect(worker.account_loaded, sender=ShareAccount, weak=False)
    try:
        with connection.execute_wrapper(worker.execute):
            yield worker
    finally:
        post_init.disconnect(worker.account_loaded, sender=ShareAccount)


@pytest.fixture
def member(db):
    food = ShareClass.objects.create(code="food", name="Food member", required_amount=Decimal("100.00"))
    m = Member.objects.create(member_number=412, first_name="Sanne", last_name="de Vries", email="sanne@example.org",
                              share_class=food, status=Member.Status.ACTIVE, joined_on=date(2024, 3, 1))
    ShareAccount.objects.create(member=m)
    return m


def payment(member, bank_id, amount):
    return BankTransaction.objects.create(
        bank_id=bank_id, booked_on=date(2024, 5, 2), amount=Decimal(amount),
        counterparty_name="S. de Vries", remittance_info=f"SHARE-{member.member_number:05d}",
        member=member, purpose=BankTransaction.Purpose.SHARES, status=BankTransaction.Status.MATCHED,
    )


def share_account(member):
    return ShareAccount.objects.get(member=member)


def ledger_total(member):
    return sum((e.amount for e in ShareTransaction.objects.filter(account__member=member)), Decimal("0.00"))


@pytest.mark.django_db
@pytest.mark.parametrize("first_amount,second_amount", [("25.00", "15.00"), ("15.00", "25.00")])
def test_two_simultaneous_payments_are_both_credited(member, second_worker, first_amount, second_amount):
    a = payment(member, "TX-A", first_amount)
    b = payment(member, "TX-B", second_amount)

    second_worker.run_concurrently(lambda: apply_bank_payment(a.pk), lambda: apply_bank_payment(b.pk))

    assert second_worker.ran
    for txn in (a, b):
        txn.refresh_from_db()
        assert txn.status == BankTransaction.Status.APPLIED, (txn.bank_id, txn.status, txn.error)
    assert share_account(member).balance == Decimal("40.00")
    assert ShareTransaction.objects.filter(account__member=member).count() == 2
    assert ledger_total(member) == Decimal("40.00")


@pytest.mark.django_db
def test_simultaneous_installments_complete_the_shares(member, second_worker):
    first = payment(member, "TX-1", "30.00")
    apply_bank_payment(first.pk)
    a = payment(member, "TX-2", "30.00")
    b = payment(member, "TX-3", "40.00")

    second_worker.run_concurrently(lambda: apply_bank_payment(a.pk), lambda: apply_bank_payment(b.pk))

    account = share_account(member)
    assert account.balance == Decimal("100.00")
    assert ledger_total(member) == Decimal("100.00")
    assert account.is_fully_paid
    assert Member.objects.get(pk=member.pk).has_voting_rights


@pytest.mark.django_db
def test_sequential_payments_still_add_up(member):
    for i, amount in enumerate(("10.00", "20.00", "70.00")):
        apply_bank_payment(payment(member, f"TX-S{i}", amount).pk)
    account = share_account(member)
    assert account.balance == Decimal("100.00") == ledger_total(member)
    assert account.is_fully_paid
