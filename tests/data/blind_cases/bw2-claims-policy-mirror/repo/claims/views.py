import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.crypto import get_random_string
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import Claim
from .tasks import snapshot_policy

REQUIRED = ("policy_number", "loss_type", "peril", "loss_date", "claimant_name")


def _claim_json(claim):
    return {
        "number": claim.number,
        "policy_number": claim.policy_number,
        "loss_type": claim.loss_type,
        "peril": claim.peril,
        "loss_date": claim.loss_date.isoformat(),
        "status": claim.status,
        "review_reason": claim.review_reason,
        "adjuster": claim.adjuster.email if claim.adjuster else None,
    }


@csrf_exempt
@require_http_methods(["POST"])
def report_claim(request):
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": "invalid JSON"}, status=400)
    missing = [f for f in REQUIRED if not data.get(f)]
    if missing:
        return JsonResponse({"error": f"missing: {', '.join(missing)}"}, status=400)
    if data["loss_type"] not in Claim.LossType.values:
        return JsonResponse({"error": "loss_type must be motor or property"}, status=400)
    try:
        loss_date = date.fromisoformat(data["loss_date"])
        estimate = Decimal(str(data.get("estimated_amount", "0")))
    except (ValueError, InvalidOperation):
        return JsonResponse({"error": "bad loss_date or estimated_amount"}, status=400)
    if loss_date > date.today():
        return JsonResponse({"error": "loss_date is in the future"}, status=400)

    with transaction.atomic():
        claim = Claim.objects.create(
            number=f"CL-{get_random_string(8, '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ')}",
            policy_number=data["policy_number"].strip().upper(),
            loss_type=data["loss_type"],
            peril=data["peril"],
            loss_date=loss_date,
            claimant_name=data["claimant_name"],
            description=data.get("description", ""),
            estimated_amount=estimate,
        )
        claim_id = claim.pk
        transaction.on_commit(lambda: snapshot_policy.delay(claim_id))
    return JsonResponse(_claim_json(claim), status=201)


def claim_detail(request, number):
    claim = get_object_or_404(Claim.objects.select_related("adjuster"), number=number)
    return JsonResponse(_claim_json(claim))
