import json

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import services
from .models import PartnerQuote, QuoteRequest

REQUIRED_FIELDS = ("product_line", "customer_name", "customer_email", "risk")


@csrf_exempt
@require_POST
def create_quote_request(request):
    try:
        data = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "invalid JSON"}, status=400)
    missing = [f for f in REQUIRED_FIELDS if not data.get(f)]
    if missing:
        return JsonResponse({"error": f"missing: {', '.join(missing)}"}, status=400)
    if data["product_line"] not in QuoteRequest.ProductLine.values:
        return JsonResponse({"error": f"unknown product line {data['product_line']!r}"}, status=400)

    quote_request = services.open_quote_request(**{f: data[f] for f in REQUIRED_FIELDS})
    return JsonResponse({"reference": quote_request.reference, "status": quote_request.status}, status=201)


def _partner_quote_json(pq):
    return {
        "partner": pq.partner.name,
        "status": pq.status,
        "premium": str(pq.premium) if pq.premium is not None else None,
        "currency": pq.currency,
        "valid_until": pq.valid_until.isoformat() if pq.valid_until else None,
        "decline_reason": pq.decline_reason,
    }


@require_GET
def quote_request_detail(request, reference):
    quote_request = get_object_or_404(QuoteRequest, reference=reference)
    partner_quotes = quote_request.partner_quotes.select_related("partner").order_by("partner__name")
    return JsonResponse(
        {
            "reference": quote_request.reference,
            "status": quote_request.status,
            "pending": sum(1 for pq in partner_quotes if pq.status == PartnerQuote.Status.PENDING),
            "quotes": [_partner_quote_json(pq) for pq in partner_quotes],
        }
    )
