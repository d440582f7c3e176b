import io
from datetime import date
from decimal import Decimal

import pytest

from members.models import Member, ShareAccount, ShareClass
from payments.models import BankTransaction


@pytest.fixture
def food_class(db):
    return ShareClass.objects.create(code="food", name="Food member", required_amount=Decimal("100.00"))


@pytest.fixture
def housing_class(db):
    return ShareClass.objects.create(code="housing", name="Housing member", required_amount=Decimal("1000.00"))


@pytest.fixture
def make_member(food_class):
    def _make(number, share_class=None, **kwargs):
        defaults = {"first_name": f"M{number}", "last_name": "Tester", "email": f"m{number}@example.org",
                    "status": Member.Status.ACTIVE, "joined_on": date(2024, 1, 15)}
        defaults.update(kwargs)
        member = Member.objects.create(member_number=number, share_class=share_class or food_class, **defaults)
        ShareAccount.objects.create(member=member)
        return member
    return _make


@pytest.fixture
def matched_payment(db):
    counter = {"n": 0}

    def _make(member, amount, purpose=BankTransaction.Purpose.SHARES):
        counter["n"] += 1
        prefix = "SHARE" if purpose == BankTransaction.Purpose.SHARES else "SHOP"
        return BankTransaction.objects.create(
            bank_id=f"TX{counter['n']:06d}", booked_on=date(2024, 5, 2), amount=Decimal(amount),
            counterparty_name=f"{member.first_name} {member.last_name}",
            remittance_info=f"{prefix}-{member.member_number:05d}",
            member=member, purpose=purpose, status=BankTransaction.Status.MATCHED,
        )
    return _make


def statement(*rows):
    header = "transaction_id;booking_date;amount;currency;counterparty;counterparty_iban;description\n"
    return io.StringIO(header + "".join(";".join(r) + "\n" for r in rows))
