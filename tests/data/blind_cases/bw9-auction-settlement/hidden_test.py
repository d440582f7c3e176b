"""Acceptance tests: the settlement worker is one long-running process (RQ SimpleWorker) that settles sale after
sale. Once a sale's settlement job has finished, the worker must not keep that sale's bids around, so its memory
stays flat however many sales it has settled. Settlement results must stay correct while doing so.

Jobs are performed in this process exactly as a SimpleWorker performs them (``Job.perform()``); no Redis server is
needed for that.
"""
import gc
import tracemalloc
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from redis import Redis
from rq.job import Job

from catalogue.models import Bid, Bidder, Consignor, Lot, Sale
from settlement.models import BuyerInvoice, ConsignorStatement

LOTS_PER_SALE = 60
BIDS_PER_LOT = 5
BIDS_PER_SALE = LOTS_PER_SALE * BIDS_PER_LOT
PADDLES = list(range(201, 213))


def _perform(func_path, *args):
    job = Job.create(func_path, args=args, connection=Redis())
    return job.perform()


def _settle(sale_id):
    result = _perform("settlement.jobs.settle_sale", sale_id)
    # the test mail backend keeps every message it "sends"; a real one does not
    mail.outbox.clear()
    return result


def _live(model):
    gc.collect()
    return sum(1 for obj in gc.get_objects() if isinstance(obj, model))


def _make_closed_sale(index):
    """A closed sale with LOTS_PER_SALE lots and BIDS_PER_LOT bids on each; returns only its id."""
    now = timezone.now()
    consignor, _ = Consignor.objects.get_or_create(account_code="C900", defaults={"name": "House stock"})
    bidders = [
        Bidder.objects.get_or_create(paddle=p, defaults={"name": f"Bidder {p}", "email": f"b{p}@example.com"})[0]
        for p in PADDLES
    ]
    sale = Sale.objects.create(
        code=f"WEEKEND{index:02d}", title=f"Weekend sale {index}", status=Sale.Status.CLOSED,
        opens_at=now - timedelta(days=5), closes_at=now - timedelta(hours=1),
    )
    lots = Lot.objects.bulk_create(
        Lot(sale=sale, number=n, title=f"Lot {n} of sale {index}", consignor=consignor)
        for n in range(1, LOTS_PER_SALE + 1)
    )
    bids = []
    for lot in lots:
        for k in range(BIDS_PER_LOT):
            bidder = bidders[(lot.number + k) % len(bidders)]
            bids.append(Bid(lot=lot, bidder=bidder, amount=Decimal(100 + 20 * k),
                            placed_at=now - timedelta(hours=2, minutes=BIDS_PER_LOT - k)))
    Bid.objects.bulk_create(bids)
    return sale.pk


@pytest.mark.django_db
def test_worker_does_not_keep_bids_of_sales_it_has_settled():
    sale_ids = [_make_closed_sale(i) for i in range(12)]

    for sale_id in sale_ids[:3]:
        _settle(sale_id)
    held_after_3 = _live(Bid)
    for sale_id in sale_ids[3:]:
        _settle(sale_id)
    held_after_12 = _live(Bid)

    assert Sale.objects.filter(status=Sale.Status.SETTLED).count() == 12
    grown = held_after_12 - held_after_3
    assert grown < BIDS_PER_SALE, (
        f"after settling 9 more sales the worker holds {grown} more Bid objects "
        f"({held_after_3} -> {held_after_12}); bids of settled sales are never released"
    )


@pytest.mark.django_db
def test_worker_memory_stays_flat_across_settlements():
    sale_ids = [_make_closed_sale(i) for i in range(10)]

    tracemalloc.start()
    try:
        for sale_id in sale_ids[:3]:
            _settle(sale_id)
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for sale_id in sale_ids[3:]:
            _settle(sale_id)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()

    assert after - before < 1_000_000, (
        f"worker memory grew by {(after - before) / 1e6:.1f} MB over 7 more settlement jobs"
    )


@pytest.mark.django_db
def test_settlements_in_one_worker_stay_correct():
    first, second = _make_closed_sale(1), _make_closed_sale(2)

    result_1 = _settle(first)
    result_2 = _settle(second)

    # every lot has 5 bids of 100..180 from 5 different bidders: the 180 bidder wins one increment (10) over 160
    for result in (result_1, result_2):
        assert result["lots_sold"] == LOTS_PER_SALE and result["lots_passed"] == 0
        assert Decimal(result["hammer_total"]) == Decimal(170 * LOTS_PER_SALE)
    for sale_id in (first, second):
        lots = Lot.objects.filter(sale_id=sale_id)
        assert set(lots.values_list("hammer_price", flat=True)) == {Decimal("170.00")}
        for lot in lots.select_related("buyer"):
            assert lot.buyer.paddle == PADDLES[(lot.number + BIDS_PER_LOT - 1) % len(PADDLES)]
        invoiced = sum(BuyerInvoice.objects.filter(sale_id=sale_id).values_list("hammer_total", flat=True))
        assert invoiced == Decimal(170 * LOTS_PER_SALE)


@pytest.mark.django_db
def test_resettling_after_a_voided_bid_uses_the_current_bids():
    sale_id = _make_closed_sale(3)
    lot = Lot.objects.get(sale_id=sale_id, number=1)
    _settle(sale_id)

    # the winning bid on lot 1 turns out to be fraudulent: void it, reopen the sale and settle it again
    Bid.objects.filter(lot=lot, amount=180).update(voided_at=timezone.now(), void_reason="fraud")
    BuyerInvoice.objects.filter(sale_id=sale_id).delete()
    ConsignorStatement.objects.filter(sale_id=sale_id).delete()
    Sale.objects.filter(pk=sale_id).update(status=Sale.Status.CLOSED, settled_at=None)
    Lot.objects.filter(sale_id=sale_id).update(status=Lot.Status.OPEN, hammer_price=None, buyer=None)

    _settle(sale_id)

    lot.refresh_from_db()
    assert lot.hammer_price == Decimal("150.00")
    assert lot.buyer.paddle == PADDLES[(1 + BIDS_PER_LOT - 2) % len(PADDLES)]
