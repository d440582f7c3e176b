from decimal import Decimal

import pytest

from catalogue.models import Lot, Sale
from settlement.models import BuyerInvoice, ConsignorStatement
from settlement.services import SaleSettlement, SettlementError

D = Decimal


@pytest.mark.django_db
def test_winner_pays_one_increment_over_the_underbidder(sale, lot, bidders, bid):
    l1 = lot(1, reserve="100")
    bid(l1, bidders[101], "150", minutes_ago=40)
    bid(l1, bidders[102], "400", minutes_ago=30)

    summary = SaleSettlement(sale).run()

    l1.refresh_from_db()
    assert (l1.status, l1.hammer_price, l1.buyer_id) == (Lot.Status.SOLD, D("160.00"), bidders[102].pk)
    invoice = BuyerInvoice.objects.get(sale=sale, bidder=bidders[102])
    assert invoice.number == "SPRING24-B102"
    assert (invoice.hammer_total, invoice.premium_total, invoice.vat_total) == (D("160"), D("40"), D("8"))
    assert invoice.total == D("208.00")
    assert summary.lots_sold == 1 and summary.invoices == 1


@pytest.mark.django_db
def test_single_bidder_buys_at_reserve_or_opening_bid(sale, lot, bidders, bid):
    with_reserve = lot(1, reserve="250")
    bid(with_reserve, bidders[101], "300")
    without_reserve = lot(2)
    bid(without_reserve, bidders[103], "80", minutes_ago=50)
    bid(without_reserve, bidders[103], "90", minutes_ago=20)

    SaleSettlement(sale).run()

    assert Lot.objects.get(pk=with_reserve.pk).hammer_price == D("250")
    assert Lot.objects.get(pk=without_reserve.pk).hammer_price == D("80")


@pytest.mark.django_db
def test_lot_below_reserve_passes_and_statement_counts_it(sale, lot, bidders, bid):
    sold = lot(1)
    bid(sold, bidders[101], "1000")
    passed = lot(2, reserve="500")
    bid(passed, bidders[102], "450")
    lot(3, status=Lot.Status.WITHDRAWN)

    summary = SaleSettlement(sale).run()

    assert (summary.lots_sold, summary.lots_passed, summary.lots_withdrawn) == (1, 1, 1)
    assert Lot.objects.get(pk=passed.pk).status == Lot.Status.PASSED
    statement = ConsignorStatement.objects.get(sale=sale)
    assert (statement.lots_sold, statement.lots_passed) == (1, 1)
    assert statement.commission == D("150.00")
    assert statement.net_payable == D("850.00")
    assert {line.lot.number: line.bids_received for line in statement.lines.all()} == {1: 1, 2: 1}


@pytest.mark.django_db
def test_export_buyer_pays_no_vat(sale, lot, bidders, bid):
    bidders[104].vat_exempt = True
    bidders[104].save()
    l1 = lot(1)
    bid(l1, bidders[104], "2000")

    SaleSettlement(sale).run()

    invoice = BuyerInvoice.objects.get(bidder=bidders[104])
    assert invoice.premium_total == D("500.00") and invoice.vat_total == D("0.00")


@pytest.mark.django_db
def test_only_closed_sales_can_be_settled(make_sale):
    with pytest.raises(SettlementError):
        SaleSettlement(make_sale("OPEN1", status=Sale.Status.OPEN)).run()
    with pytest.raises(SettlementError):
        SaleSettlement(make_sale("DONE1", status=Sale.Status.SETTLED)).run()
