import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .client import LabClientError, get_lab_client
from .models import LabOrder, LabResult, LabTest

logger = logging.getLogger(__name__)


class OrderError(Exception):
    pass


def place_lab_order(appointment, test_codes, *, ordered_by, clinical_notes=""):
    """Create a lab order for an appointment and queue it for transmission."""
    from .tasks import submit_lab_order

    tests = list(LabTest.objects.filter(code__in=test_codes, active=True))
    missing = set(test_codes) - {t.code for t in tests}
    if missing:
        raise OrderError(f"unknown or inactive test(s): {', '.join(sorted(missing))}")
    with transaction.atomic():
        order = LabOrder.objects.create(appointment=appointment, ordered_by=ordered_by,
                                        clinical_notes=clinical_notes, status=LabOrder.Status.QUEUED)
        order.tests.set(tests)
        order_id = order.pk
        transaction.on_commit(lambda: submit_lab_order.delay(order_id))
    return order


def build_requisition(order):
    patient = order.appointment.patient
    return {
        "client_reference": f"VP-{order.pk}",
        "ordering_vet": order.ordered_by,
        "patient": {
            "name": patient.name,
            "species": patient.species,
            "breed": patient.breed,
            "date_of_birth": patient.date_of_birth.isoformat() if patient.date_of_birth else None,
            "owner": patient.owner.name,
        },
        "tests": sorted(order.tests.values_list("code", flat=True)),
        "notes": order.clinical_notes,
    }


def transmit_order(order):
    """Send the requisition to the lab. Returns the accession number, or None."""
    LabOrder.objects.filter(pk=order.pk).update(attempts=F("attempts") + 1)
    requisition = build_requisition(order)
    try:
        accession = get_lab_client().submit_requisition(requisition)
    except LabClientError as exc:
        logger.error("lab order %s not accepted by the lab: %s", order.pk, exc)
        order.mark_rejected(str(exc))
        return None
    order.mark_submitted(accession)
    logger.info("lab order %s submitted as %s", order.pk, accession)
    return accession


def store_results(order, rows):
    """Save the result rows the lab sent; returns how many were new."""
    tests = {t.code: t for t in order.tests.all()}
    stored = 0
    with transaction.atomic():
        for row in rows:
            test = tests.get(row["test"])
            if test is None:
                logger.warning("lab order %s: result for unexpected test %s ignored", order.pk, row["test"])
                continue
            try:
                with transaction.atomic():
                    LabResult.objects.create(order=order, test=test, value=str(row["value"]),
                                             unit=row.get("unit", ""), reference_range=row.get("range", ""),
                                             flag=row.get("flag", ""), received_at=timezone.now())
                    stored += 1
            except IntegrityError:
                continue
        if order.results.count() >= len(tests):
            LabOrder.objects.filter(pk=order.pk).update(status=LabOrder.Status.RESULTED)
    return stored
