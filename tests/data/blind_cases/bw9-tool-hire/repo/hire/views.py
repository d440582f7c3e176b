"""Counter API used by the branch tablets and the web shop."""
import json
from decimal import Decimal, InvalidOperation

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import pricing
from .booking import BookingError, BookingLine, book_rental, pick_up
from .checkin import CheckInError, CheckInService, DamageNote
from .models import Branch, Customer, Rental


class BadRequest(Exception):
    pass


def _body(request):
    try:
        data = json.loads(request.body or b"{}")
    except ValueError as exc:
        raise BadRequest(f"malformed JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise BadRequest("expected a JSON object")
    return data


def _instant(value, name):
    if value in (None, ""):
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        raise BadRequest(f"{name} is not a date-time: {value!r}")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _decimal(value, name):
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise BadRequest(f"{name} is not an amount: {value!r}") from exc


def _rental_payload(rental):
    payload = {
        "id": rental.pk,
        "reference": rental.short_ref,
        "status": rental.status,
        "customer": rental.customer.name,
        "pickup_at": rental.pickup_at.isoformat(),
        "due_at": rental.due_at.isoformat(),
        "returned_at": rental.returned_at.isoformat() if rental.returned_at else None,
        "hire_paid": str(rental.hire_paid),
        "deposit_held": str(rental.deposit_held),
        "lines": [
            {"id": line.pk, "sku": line.tool.sku, "name": line.tool.name, "quantity": line.quantity}
            for line in rental.lines.select_related("tool")
        ],
    }
    invoice = getattr(rental, "invoice", None)
    if invoice is not None:
        payload["invoice"] = {"number": invoice.number, "refund_due": str(invoice.refund_due),
                              "balance_due": str(invoice.balance_due)}
    return payload


def _errors(view):
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadRequest as exc:
            return JsonResponse({"error": str(exc)}, status=400)
        except (BookingError, CheckInError) as exc:
            return JsonResponse({"error": str(exc)}, status=409)
    wrapper.__name__ = view.__name__
    return wrapper


@csrf_exempt
@require_POST
@_errors
def create_rental(request, branch_slug):
    branch = get_object_or_404(Branch, slug=branch_slug)
    data = _body(request)
    customer = get_object_or_404(Customer, pk=data.get("customer_id"))
    try:
        lines = [BookingLine(sku=item["sku"], quantity=int(item.get("quantity", 1))) for item in data["tools"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise BadRequest(f"malformed tools: {exc}") from exc
    pickup_at = _instant(data.get("pickup_at"), "pickup_at")
    due_at = _instant(data.get("due_at"), "due_at")
    if pickup_at is None or due_at is None:
        raise BadRequest("pickup_at and due_at are required")
    rental = book_rental(branch, customer, lines, pickup_at=pickup_at, due_at=due_at)
    return JsonResponse(_rental_payload(rental), status=201)


@require_GET
def rental_detail(request, pk):
    rental = get_object_or_404(Rental.objects.select_related("customer"), pk=pk)
    return JsonResponse(_rental_payload(rental))


@csrf_exempt
@require_POST
@_errors
def pickup_rental(request, pk):
    rental = get_object_or_404(Rental, pk=pk)
    rental = pick_up(rental, at=_instant(_body(request).get("at"), "at"))
    return JsonResponse(_rental_payload(rental))


@csrf_exempt
@require_POST
@_errors
def checkin_rental(request, pk):
    rental = get_object_or_404(Rental, pk=pk)
    data = _body(request)
    clerk = data.get("clerk") or (request.user.get_username() if request.user.is_authenticated else "")
    if not clerk:
        raise BadRequest("clerk is required")
    try:
        damage = [
            DamageNote(line_id=int(item["line_id"]), fee=_decimal(item["fee"], "fee"), note=item.get("note", ""))
            for item in data.get("damage", [])
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise BadRequest(f"malformed damage: {exc}") from exc
    service = CheckInService(rental, clerk=clerk)
    rental = service.check_in(
        returned_at=_instant(data.get("returned_at"), "returned_at"),
        damage=damage,
        cleaning_fee=_decimal(data.get("cleaning_fee", "0"), "cleaning_fee"),
    )
    return JsonResponse(_rental_payload(rental))


@require_GET
@_errors
def return_quote(request, pk):
    rental = get_object_or_404(Rental, pk=pk)
    at = _instant(request.GET.get("at"), "at") or timezone.now()
    fees = pricing.late_day_charges(rental, at)
    late_total = pricing.money(sum(fees.values(), Decimal("0")))
    return JsonResponse({
        "rental": rental.pk,
        "returned_at": at.isoformat(),
        "late_fees": [{"day": day.isoformat(), "fee": str(fee)} for day, fee in fees.items()],
        "late_total": str(late_total),
        "refund_estimate": str(max(Decimal("0.00"), rental.deposit_held - late_total)),
    })
