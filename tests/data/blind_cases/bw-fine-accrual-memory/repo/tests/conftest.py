from datetime import date
from decimal import Decimal

import pytest

from catalog.models import Branch, Copy, Title
from circulation.models import Loan, Patron


@pytest.fixture
def branch(db):
    return Branch.objects.create(code="MAIN", name="Marsh County Main Library", daily_fine=Decimal("0.25"),
                                 max_fine=Decimal("5.00"))


@pytest.fixture
def patron(branch):
    return Patron.objects.create(card_number="21000000000017", name="Ruth Okafor", email="ruth@example.org",
                                 home_branch=branch)


@pytest.fixture
def make_loan(branch, patron):
    counter = {"n": 0}

    def make(due_on, *, title=None, who=None, **extra):
        counter["n"] += 1
        title = title or Title.objects.create(title=f"Book {counter['n']}", replacement_cost=Decimal("20.00"))
        copy = Copy.objects.create(barcode=f"3100000{counter['n']:05d}", title=title, branch=branch,
                                   status=Copy.Status.ON_LOAN)
        return Loan.objects.create(copy=copy, patron=who or patron, branch=branch, due_on=due_on, **extra)

    return make


DAY = date(2024, 11, 20)
