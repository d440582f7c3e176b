import csv
import json
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.db import transaction
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Customer

from .models import OneOffOrder, Product, ProductionSheet
from .planning import calendar_for
from .tasks import email_order_confirmation


def _earliest_orderable_day(now):
    local = timezone.localtime(now)
    cutoff = datetime.combine(local.date(), time(settings.BAKERY["ORDER_CUTOFF_HOUR"]), local.tzinfo)
    return local.date() + timedelta(days=1 if local < cutoff else 2)


@csrf_exempt
@require_POST
def place_one_off_order(request):
    """Body: {"customer": "HARB", "sku": "SOUR-800", "day": "2024-08-09", "quantity": 6}."""
    try:
        payload = json.loads(request.body)
        day = date.fromisoformat(payload["day"])
        quantity = int(payload["quantity"])
        customer = Customer.objects.get(code=payload["customer"])
        product = Product.objects.get(sku=payload["sku"], active=True)
    except (ValueError, KeyError, TypeError, Customer.DoesNotExist, Product.DoesNotExist) as exc:
        return JsonResponse({"error": f"bad order: {exc}"}, status=400)
    if quantity <= 0:
        return JsonResponse({"error": "quantity must be positive"}, status=400)
    if day < _earliest_orderable_day(timezone.now()):
        return JsonResponse({"error": f"too late to order for {day}"}, status=400)
    calendar = calendar_for(day)
    if not calendar.delivers_to(customer, day):
        nxt = calendar.next_delivery_day(customer, day)
        return JsonResponse({"error": f"no delivery to {customer.code} on {day}",
                             "next_delivery_day": nxt.isoformat() if nxt else None}, status=409)

    order = OneOffOrder.objects.create(customer=customer, product=product, delivery_day=day,
                                       quantity=quantity, note=str(payload.get("note", ""))[:200])
    # the task reads the order back, so only queue it once the row is committed
    transaction.on_commit(lambda: email_order_confirmation.delay(order.pk))
    return JsonResponse({"id": order.pk, "day": day.isoformat()}, status=201)


@require_GET
def sheet_csv(request, day):
    sheet = get_object_or_404(ProductionSheet, day=day)
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="sheet-{day}.csv"'
    writer = csv.writer(response)
    writer.writerow(["sku", "product", "quantity", "batches"])
    for line in sheet.lines.select_related("product"):
        writer.writerow([line.product.sku, line.product.name, line.quantity, line.batches])
    return response
