from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.models import Licence, Title
from lending.models import Branch, Hold, Loan, Patron
from lending.tasks import expire_loans


@pytest.fixture
def setup(db):
    branch = Branch.objects.create(code="CEN", name="Central")
    title = Title.objects.create(isbn="9780000000028", title="Harbour Lights")
    licence = Licence.objects.create(title=title, distributor="OverDrive", concurrent_users=1)
    a = Patron.objects.create(card_number="21000000000001", home_branch=branch)
    b = Patron.objects.create(card_number="21000000000002", home_branch=branch)
    return branch, title, licence, a, b


def test_borrow_or_hold(client, setup):
    branch, title, licence, a, b = setup
    assert client.post(f"/api/titles/{title.pk}/borrow/", {"card_number": a.card_number}).status_code == 201
    assert client.post(f"/api/titles/{title.pk}/borrow/", {"card_number": b.card_number}).status_code == 202
    assert Hold.objects.get().patron == b


@pytest.mark.django_db(transaction=True)
def test_expire_loans_promotes_hold(setup):
    branch, title, licence, a, b = setup
    now = timezone.now()
    Loan.objects.create(patron=a, licence=licence, branch=branch, borrowed_at=now - timedelta(days=21),
                        due_at=now - timedelta(minutes=1))
    Hold.objects.create(patron=b, title=title)
    assert expire_loans() == 1
    assert Hold.objects.get().status == Hold.Status.READY
