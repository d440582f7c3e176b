"""Acceptance tests: the nightly fine accrual must work through the overdue
loans without holding all of them in memory at once (the county has millions
of loans), and still charge every overdue loan exactly once."""
import weakref
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.db.models.signals import post_init

from catalog.models import Branch, Copy, Title
from circulation.models import FineCharge, Loan, Patron
from circulation.tasks import accrue_overdue_fines

DAY = date(2024, 11, 20)
OVERDUE = 6000
PATRONS = 40


class LiveLoans:
    """Counts Loan instances alive at the same time (peak) while active."""

    def __init__(self):
        self.live = weakref.WeakSet()
        self.peak = 0
        self.created = 0

    def __call__(self, sender, instance, **kwargs):
        self.live.add(instance)
        self.created += 1
        if len(self.live) > self.peak:
            self.peak = len(self.live)

    def __enter__(self):
        post_init.connect(self, sender=Loan, weak=False)
        return self

    def __exit__(self, *exc):
        post_init.disconnect(self, sender=Loan)


@pytest.fixture
def county(db):
    branch = Branch.objects.create(code="EAST", name="East Marsh", daily_fine=Decimal("0.20"),
                                   max_fine=Decimal("5.00"))
    title = Title.objects.create(title="Common title", replacement_cost=Decimal("30.00"))
    patrons = Patron.objects.bulk_create([
        Patron(card_number=f"2100{i:010d}", name=f"Patron {i}", home_branch=branch) for i in range(PATRONS)
    ])
    copies = Copy.objects.bulk_create([
        Copy(barcode=f"39{i:010d}", title=title, branch=branch, status=Copy.Status.ON_LOAN)
        for i in range(OVERDUE + 200)
    ])
    loans = [
        Loan(copy=copies[i], patron=patrons[i % PATRONS], branch=branch, due_on=DAY - timedelta(days=1 + i % 9))
        for i in range(OVERDUE)
    ]
    # not overdue on DAY
    loans += [Loan(copy=copies[OVERDUE + i], patron=patrons[0], branch=branch, due_on=DAY + timedelta(days=3))
              for i in range(200)]
    Loan.objects.bulk_create(loans, batch_size=1000)
    return branch


def cents(value):
    return Decimal(value).quantize(Decimal("0.01"))


@pytest.mark.django_db
def test_accrual_does_not_hold_every_overdue_loan_in_memory(county):
    with LiveLoans() as tracker:
        result = accrue_overdue_fines.delay(DAY.isoformat()).get()

    assert result["loans"] == OVERDUE
    assert tracker.peak <= 4000, (
        f"{tracker.peak} Loan objects were alive at the same time while accruing fines for {OVERDUE} overdue loans"
    )
    # and every overdue loan was charged, once
    assert FineCharge.objects.filter(day=DAY).count() == OVERDUE
    assert FineCharge.objects.values("loan_id").distinct().count() == OVERDUE
    total = cents(FineCharge.objects.aggregate(t=Sum("amount"))["t"])
    assert total == Decimal("1200.00")
    assert cents(Patron.objects.aggregate(t=Sum("balance"))["t"]) == total
    # 6000 / 40 = 150 loans per patron, 30.00 each: all over the limit
    assert Patron.objects.filter(blocked=True).count() == PATRONS


@pytest.mark.django_db
def test_rerun_and_next_night(county):
    accrue_overdue_fines.delay(DAY.isoformat())

    # a second run for the same night charges nothing more
    with LiveLoans() as tracker:
        again = accrue_overdue_fines.delay(DAY.isoformat()).get()
    assert again["loans"] == 0
    assert FineCharge.objects.count() == OVERDUE
    assert tracker.created == 0

    with LiveLoans() as tracker:
        result = accrue_overdue_fines.delay((DAY + timedelta(days=1)).isoformat()).get()
    assert result["loans"] == OVERDUE
    assert tracker.peak <= 4000
    assert FineCharge.objects.count() == 2 * OVERDUE
    assert cents(Patron.objects.aggregate(t=Sum("balance"))["t"]) == Decimal("2400.00")
