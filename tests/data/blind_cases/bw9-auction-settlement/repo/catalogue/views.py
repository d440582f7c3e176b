"""Small JSON API used by the online bidding page."""
import json
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, Max
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .increments import is_acceptable, next_bid
from .models import Bid, Bidder, Lot


def _lot_state(lot):
    agg = lot.bids.filter(voided_at__isnull=True, bidder__blocked=False).aggregate(best=Max("amount"), n=Count("pk"))
    best = agg["best"]
    return {
        "sale": lot.sale.code,
        "number": lot.number,
        "title": lot.title,
        "status": lot.status,
        "estimate": [str(lot.low_estimate or ""), str(lot.high_estimate or "")],
        "current_bid": str(best) if best is not None else None,
        "next_bid": str(next_bid(best)) if best is not None else str(lot.low_estimate or Decimal("1")),
        "bids": agg["n"],
    }


@require_GET
def lot_detail(request, sale_code, number):
    lot = get_object_or_404(Lot.objects.select_related("sale"), sale__code=sale_code, number=number)
    return JsonResponse(_lot_state(lot))


@csrf_exempt
@require_POST
def place_bid(request, sale_code, number):
    try:
        payload = json.loads(request.body or b"{}")
        paddle = int(payload["paddle"])
        amount = Decimal(str(payload["amount"]))
    except (ValueError, KeyError, TypeError, InvalidOperation, json.JSONDecodeError):
        return JsonResponse({"error": "expected JSON with 'paddle' and 'amount'"}, status=400)

    with transaction.atomic():
        lot = get_object_or_404(
            Lot.objects.select_related("sale").select_for_update(), sale__code=sale_code, number=number
        )
        if not lot.sale.is_open or lot.status != Lot.Status.OPEN:
            return JsonResponse({"error": "bidding on this lot is closed"}, status=409)
        bidder = Bidder.objects.filter(paddle=paddle, blocked=False).first()
        if bidder is None:
            return JsonResponse({"error": f"paddle {paddle} cannot bid"}, status=403)
        current = lot.bids.filter(voided_at__isnull=True, bidder__blocked=False).aggregate(best=Max("amount"))["best"]
        if not is_acceptable(current, amount, opening=lot.low_estimate):
            return JsonResponse({"error": "bid too low", **_lot_state(lot)}, status=409)
        Bid.objects.create(lot=lot, bidder=bidder, amount=amount, source=Bid.Source.ONLINE)
    return JsonResponse(_lot_state(lot), status=201)
