import hashlib
import hmac
import json
import logging

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .parsing import LabReportError, parse_report
from .services import ingest_lab_report

logger = logging.getLogger(__name__)


def _signature_ok(secret, body, signature):
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature or "")


@csrf_exempt
@require_POST
def lab_results_webhook(request, lab):
    """Push endpoint for labs that call us when a report is released (IDEXX does; Antech is polled)."""
    secret = settings.LAB_APIS.get(lab, {}).get("webhook_secret")
    if not secret:
        raise Http404("no webhook for this lab")
    if not _signature_ok(secret, request.body, request.headers.get("X-Lab-Signature")):
        logger.warning("%s webhook: bad signature from %s", lab, request.META.get("REMOTE_ADDR"))
        return JsonResponse({"error": "bad signature"}, status=403)
    try:
        payload = json.loads(request.body)
        order = ingest_lab_report(parse_report(lab, payload), source="webhook")
    except json.JSONDecodeError:
        return JsonResponse({"error": "body is not JSON"}, status=400)
    except LabReportError as exc:
        logger.warning("%s webhook: rejected report: %s", lab, exc)
        return JsonResponse({"error": str(exc)}, status=422)
    return JsonResponse({"accession": order.accession, "status": order.status}, status=202)
