from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from catalogue.jobs import reindex_sale
from catalogue.models import Lot, Sale
from settlement import jobs
from settlement.models import BuyerInvoice


@pytest.mark.django_db
def test_settle_sale_job_settles_and_sends_the_notices(sale, lot, bidders, bid):
    l1 = lot(1)
    bid(l1, bidders[101], "300", minutes_ago=40)
    bid(l1, bidders[102], "500", minutes_ago=30)

    result = jobs.settle_sale(sale.pk)

    assert result == {
        "sale": "SPRING24", "lots_sold": 1, "lots_passed": 0, "lots_withdrawn": 0,
        "invoices": 1, "statements": 1, "hammer_total": "320.00",
    }
    assert Sale.objects.get(pk=sale.pk).status == Sale.Status.SETTLED
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Gavelhouse Auctioneers: invoice SPRING24-B102 for Sale SPRING24",
        "Lot 1 in Sale SPRING24: the result",
    ]
    assert mail.outbox[0].to in (["ben@example.com"], ["ada@example.com"])
    assert BuyerInvoice.objects.get().emailed_at is not None


@pytest.mark.django_db
def test_close_due_sales_only_closes_past_sales(make_sale):
    now = timezone.now()
    due = make_sale("DUE", status=Sale.Status.OPEN, closes_at=now - timedelta(minutes=1))
    make_sale("LATER", status=Sale.Status.OPEN, closes_at=now + timedelta(hours=2))

    closed = jobs.close_due_sales()

    assert closed == [due.pk]
    assert Sale.objects.get(code="LATER").status == Sale.Status.OPEN


@pytest.mark.django_db
def test_payment_reminder_is_sent_once(sale, lot, bidders, bid):
    l1 = lot(1)
    bid(l1, bidders[101], "100")
    jobs.settle_sale(sale.pk)
    BuyerInvoice.objects.update(due_at=timezone.now() - timedelta(days=1))
    mail.outbox.clear()

    assert jobs.send_payment_reminders() == 1
    assert jobs.send_payment_reminders() == 0
    assert mail.outbox[0].subject == "Reminder: invoice SPRING24-B101 is overdue"


@pytest.mark.django_db
def test_reindex_sale_builds_search_text(sale, lot):
    lot(1, description="A  Georgian\nsilver teapot")
    lot(2)

    assert reindex_sale(sale.pk) == 2
    assert Lot.objects.get(number=1).search_text == "1 lot 1 a georgian silver teapot estate of m. hale"
    assert reindex_sale(sale.pk) == 0
