"""Bid ladders: every valid bid on a lot, best first.

Settling a sale looks at the ladder of each lot several times (winner, underbidder, the winner's opening bid,
number of bids for the consignor statement) and the underbidder notices look at it again, so the ladders of a
whole sale are loaded with one query instead of one query per lot per question.
"""
from decimal import Decimal

from .models import Bid, Lot


class LadderIndex:
    """The valid bids of one sale, grouped per lot, best first.

    Best first: highest amount first and, for equal amounts, the earliest bid (the auctioneer takes the first
    bidder at a price). Voided bids never appear; bids of blocked bidders only when asked for.
    """

    include_blocked_bidders: bool = False
    _ladders: dict[int, list[Bid]] = {}

    def __init__(self, sale_id: int, *, include_blocked_bidders: bool | None = None):
        self.sale_id = sale_id
        if include_blocked_bidders is not None:
            self.include_blocked_bidders = include_blocked_bidders
        self._loaded = False

    def load(self) -> "LadderIndex":
        for lot_id in Lot.objects.filter(sale_id=self.sale_id).values_list("pk", flat=True):
            self._ladders[lot_id] = []
        bids = (
            Bid.objects.filter(lot__sale_id=self.sale_id, voided_at__isnull=True)
            .select_related("bidder")
            .order_by("lot_id", "-amount", "placed_at", "pk")
        )
        if not self.include_blocked_bidders:
            bids = bids.filter(bidder__blocked=False)
        for bid in bids:
            self._ladders[bid.lot_id].append(bid)
        self._loaded = True
        return self

    def ladder(self, lot_id: int) -> list[Bid]:
        if not self._loaded:
            self.load()
        return self._ladders.get(lot_id, [])

    def top(self, lot_id: int) -> Bid | None:
        ladder = self.ladder(lot_id)
        return ladder[0] if ladder else None

    def underbid(self, lot_id: int) -> Bid | None:
        """The best bid from anyone other than the winning bidder."""
        ladder = self.ladder(lot_id)
        if not ladder:
            return None
        winner = ladder[0].bidder_id
        return next((bid for bid in ladder[1:] if bid.bidder_id != winner), None)

    def opening_bid_of(self, lot_id: int, bidder_id: int) -> Decimal | None:
        amounts = [bid.amount for bid in self.ladder(lot_id) if bid.bidder_id == bidder_id]
        return min(amounts) if amounts else None

    def bid_count(self, lot_id: int) -> int:
        return len(self.ladder(lot_id))
