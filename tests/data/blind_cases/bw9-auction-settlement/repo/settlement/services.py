"""Settling a closed sale: hammer prices, buyer invoices and consignor statements."""
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from catalogue.increments import next_bid
from catalogue.ladders import LadderIndex
from catalogue.models import Bid, Bidder, Consignor, Lot, Sale

from .models import BuyerInvoice, ConsignorStatement, InvoiceLine, StatementLine
from .premiums import buyers_premium, seller_commission, vat_on

logger = logging.getLogger(__name__)

ZERO = Decimal("0.00")


class SettlementError(Exception):
    pass


@dataclass
class SettlementSummary:
    sale_code: str
    lots_sold: int = 0
    lots_passed: int = 0
    lots_withdrawn: int = 0
    invoices: int = 0
    statements: int = 0
    hammer_total: Decimal = ZERO

    def as_dict(self) -> dict:
        return {
            "sale": self.sale_code,
            "lots_sold": self.lots_sold,
            "lots_passed": self.lots_passed,
            "lots_withdrawn": self.lots_withdrawn,
            "invoices": self.invoices,
            "statements": self.statements,
            "hammer_total": str(self.hammer_total),
        }


class SaleSettlement:
    """Settles one closed sale. One instance per run; ``run()`` is all-or-nothing."""

    def __init__(self, sale: Sale, *, ladders: LadderIndex | None = None):
        self.sale = sale
        self.ladders = ladders or LadderIndex(sale.pk)
        house = settings.AUCTION_HOUSE
        self.vat_rate = Decimal(house["vat_rate"])
        self.min_commission = Decimal(house["min_commission"])
        self.payment_terms = timedelta(days=int(house["payment_terms_days"]))
        self.summary = SettlementSummary(sale.code)
        self._buyers: dict[int, Bidder] = {}
        self._consignors: dict[int, Consignor] = {}
        self._invoice_lines: dict[int, list[InvoiceLine]] = defaultdict(list)
        self._statement_lines: dict[int, list[StatementLine]] = defaultdict(list)

    # -- hammer ---------------------------------------------------------------------------------

    def hammer_price(self, lot: Lot, top: Bid) -> Decimal:
        """What the winner pays: one increment over the best competing bid, at least the reserve and never more
        than the winner's own best bid. Without competition the lot goes at the reserve or, if there is none, at
        the winner's opening bid."""
        floor = lot.reserve or ZERO
        under = self.ladders.underbid(lot.pk)
        if under is None:
            price = lot.reserve if lot.reserve is not None else self.ladders.opening_bid_of(lot.pk, top.bidder_id)
        else:
            price = max(floor, next_bid(under.amount))
        return min(price, top.amount)

    # -- run ------------------------------------------------------------------------------------

    def run(self) -> SettlementSummary:
        if self.sale.status == Sale.Status.SETTLED:
            raise SettlementError(f"sale {self.sale.code} is already settled")
        if self.sale.status != Sale.Status.CLOSED:
            raise SettlementError(f"sale {self.sale.code} is {self.sale.status}; close it before settling")

        self.ladders.load()
        with transaction.atomic():
            lots = Lot.objects.filter(sale=self.sale).select_related("consignor").order_by("number")
            for lot in lots:
                self._settle_lot(lot)
            self._write_invoices()
            self._write_statements()
            self.sale.status = Sale.Status.SETTLED
            self.sale.settled_at = timezone.now()
            self.sale.save(update_fields=["status", "settled_at"])

        logger.info(
            "settled %s: %s sold, %s passed, %s withdrawn, hammer %s, %s invoices",
            self.sale.code, self.summary.lots_sold, self.summary.lots_passed, self.summary.lots_withdrawn,
            self.summary.hammer_total, self.summary.invoices,
        )
        return self.summary

    def _settle_lot(self, lot: Lot) -> None:
        if lot.status == Lot.Status.WITHDRAWN:
            self.summary.lots_withdrawn += 1
            return

        self._consignors[lot.consignor_id] = lot.consignor
        top = self.ladders.top(lot.pk)
        bids_received = self.ladders.bid_count(lot.pk)
        if top is None or (lot.reserve is not None and top.amount < lot.reserve):
            lot.status, lot.hammer_price, lot.buyer = Lot.Status.PASSED, None, None
            lot.save(update_fields=["status", "hammer_price", "buyer"])
            self._statement_lines[lot.consignor_id].append(
                StatementLine(lot=lot, outcome=StatementLine.Outcome.PASSED, bids_received=bids_received)
            )
            self.summary.lots_passed += 1
            return

        hammer = self.hammer_price(lot, top)
        lot.status, lot.hammer_price, lot.buyer_id = Lot.Status.SOLD, hammer, top.bidder_id
        lot.save(update_fields=["status", "hammer_price", "buyer"])

        premium = buyers_premium(hammer, self.sale.premium_schedule)
        vat = vat_on(premium, self.vat_rate, exempt=top.bidder.vat_exempt)
        self._buyers[top.bidder_id] = top.bidder
        self._invoice_lines[top.bidder_id].append(InvoiceLine(lot=lot, hammer=hammer, premium=premium, vat=vat))

        commission = seller_commission(hammer, lot.consignor.commission_rate, self.min_commission)
        self._statement_lines[lot.consignor_id].append(
            StatementLine(
                lot=lot, outcome=StatementLine.Outcome.SOLD, hammer=hammer, commission=commission,
                bids_received=bids_received,
            )
        )
        self.summary.lots_sold += 1
        self.summary.hammer_total += hammer

    def _write_invoices(self) -> None:
        issued_at = timezone.now()
        for bidder_id, lines in self._invoice_lines.items():
            bidder = self._buyers[bidder_id]
            hammer = sum((line.hammer for line in lines), ZERO)
            premium = sum((line.premium for line in lines), ZERO)
            vat = sum((line.vat for line in lines), ZERO)
            invoice = BuyerInvoice.objects.create(
                sale=self.sale,
                bidder=bidder,
                number=f"{self.sale.code}-B{bidder.paddle}",
                hammer_total=hammer,
                premium_total=premium,
                vat_total=vat,
                total=hammer + premium + vat,
                issued_at=issued_at,
                due_at=issued_at + self.payment_terms,
            )
            for line in lines:
                line.invoice = invoice
            InvoiceLine.objects.bulk_create(lines)
            self.summary.invoices += 1

    def _write_statements(self) -> None:
        for consignor_id, lines in self._statement_lines.items():
            consignor = self._consignors[consignor_id]
            sold = [line for line in lines if line.outcome == StatementLine.Outcome.SOLD]
            hammer = sum((line.hammer for line in sold), ZERO)
            commission = sum((line.commission for line in sold), ZERO)
            statement = ConsignorStatement.objects.create(
                sale=self.sale,
                consignor=consignor,
                number=f"{self.sale.code}-C{consignor.account_code}",
                lots_sold=len(sold),
                lots_passed=len(lines) - len(sold),
                hammer_total=hammer,
                commission=commission,
                net_payable=hammer - commission,
            )
            for line in lines:
                line.statement = statement
            StatementLine.objects.bulk_create(lines)
            self.summary.statements += 1
