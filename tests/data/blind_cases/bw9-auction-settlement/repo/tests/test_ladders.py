from django.utils import timezone

import pytest

from catalogue.ladders import LadderIndex

pytestmark = pytest.mark.django_db


def test_ladder_is_best_first_and_earliest_wins_a_tie(sale, lot, bidders, bid):
    l1 = lot(1)
    bid(l1, bidders[101], "200", minutes_ago=50)
    bid(l1, bidders[102], "300", minutes_ago=40)
    bid(l1, bidders[103], "300", minutes_ago=45)

    index = LadderIndex(sale.pk).load()

    assert [b.bidder.paddle for b in index.ladder(l1.pk)] == [103, 102, 101]
    assert index.top(l1.pk).bidder.paddle == 103
    assert index.bid_count(l1.pk) == 3


def test_voided_and_blocked_bids_are_left_out(sale, lot, bidders, bid):
    l1 = lot(1)
    bid(l1, bidders[101], "500", voided_at=timezone.now(), void_reason="duplicate")
    bidders[102].blocked = True
    bidders[102].save()
    bid(l1, bidders[102], "450")
    bid(l1, bidders[103], "400")

    assert [b.bidder.paddle for b in LadderIndex(sale.pk).ladder(l1.pk)] == [103]
    with_blocked = LadderIndex(sale.pk, include_blocked_bidders=True)
    assert [b.bidder.paddle for b in with_blocked.ladder(l1.pk)] == [102, 103]


def test_underbid_comes_from_another_bidder(sale, lot, bidders, bid):
    l1 = lot(1)
    bid(l1, bidders[101], "100", minutes_ago=50)
    bid(l1, bidders[102], "120", minutes_ago=40)
    bid(l1, bidders[102], "150", minutes_ago=30)

    index = LadderIndex(sale.pk)

    assert index.top(l1.pk).amount == 150
    assert index.underbid(l1.pk).bidder.paddle == 101
    assert index.opening_bid_of(l1.pk, bidders[102].pk) == 120


def test_lot_without_bids_has_an_empty_ladder(sale, lot):
    l1 = lot(1)
    index = LadderIndex(sale.pk)
    assert index.ladder(l1.pk) == []
    assert index.top(l1.pk) is None
    assert index.underbid(l1.pk) is None
