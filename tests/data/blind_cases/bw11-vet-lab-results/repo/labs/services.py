"""Lab order workflow: placing orders and storing the results the labs send back."""
import logging
import secrets
from functools import partial

from django.db import transaction
from django.utils import timezone

from clinics.models import Clinic, Pet
from core.db import unit_of_work

from . import tasks
from .client import get_client
from .models import Lab, LabOrder, LabSyncState, ResultValue
from .parsing import LabReportError, parse_report

logger = logging.getLogger(__name__)


def _new_accession():
    return f"VL-{timezone.localdate():%y%m%d}-{secrets.token_hex(3).upper()}"


def place_lab_order(pet, panel_code, *, lab, panel_name="", vet=None, actor="system"):
    """Create an order and send it to the lab once it is saved. In-house orders are run on our own analyzers."""
    with unit_of_work("place_lab_order", actor=actor) as uow:
        order = LabOrder.objects.create(
            lab=lab,
            accession=_new_accession(),
            clinic=pet.clinic,
            pet=pet,
            ordering_vet=vet,
            panel_code=panel_code,
            panel_name=panel_name,
        )
        uow.record("lab_order.placed", order, lab=lab, panel=panel_code)
        if lab == Lab.IN_HOUSE:
            order.mark_submitted(lab_reference="in-house")
        else:
            transaction.on_commit(partial(tasks.transmit_lab_order.delay, order.pk))
    logger.info("placed lab order %s (%s %s) for %s", order.accession, lab, panel_code, pet)
    return order


def cancel_lab_order(order, reason, *, actor="system"):
    with unit_of_work("cancel_lab_order", actor=actor) as uow:
        order = LabOrder.objects.select_for_update().get(pk=order.pk)
        order.cancel(reason)
        uow.record("lab_order.cancelled", order, reason=reason)
    return order


def _order_for_report(report, uow):
    try:
        return LabOrder.objects.select_for_update().get(lab=report.lab, accession=report.accession)
    except LabOrder.DoesNotExist:
        pass
    # Orders placed on the lab's own portal (or phoned in) reach us only with their first report.
    clinic = Clinic.objects.filter(code=report.clinic_code).first()
    if clinic is None:
        raise LabReportError(f"{report.accession}: unknown lab account {report.clinic_code!r}")
    pet = Pet.objects.filter(pims_id=report.pims_id).first()
    if pet is None:
        raise LabReportError(f"{report.accession}: unknown patient {report.pims_id!r}")
    order = LabOrder.objects.create(
        lab=report.lab,
        accession=report.accession,
        origin=LabOrder.Origin.LAB_PORTAL,
        clinic=clinic,
        pet=pet,
        panel_code=report.panel_code,
        panel_name=report.panel_name,
        status=LabOrder.Status.SUBMITTED,
        placed_at=report.reported_at,
        submitted_at=report.reported_at,
    )
    uow.record("lab_order.created_from_report", order, lab=report.lab)
    return order


def _store_values(order, values):
    for sequence, reported in enumerate(values):
        ResultValue.objects.update_or_create(
            order=order,
            analyte_code=reported.code,
            defaults={
                "sequence": sequence,
                "analyte_name": reported.name,
                "value": reported.value,
                "unit": reported.unit,
                "reference_range": reported.reference_range,
                "flag": reported.flag,
            },
        )


def ingest_lab_report(report, *, source="webhook"):
    """Store one lab report. Final reports complete the order; partial ones only add values."""
    with unit_of_work(f"ingest_lab_report:{report.lab}", actor=f"lab:{report.lab}") as uow:
        order = _order_for_report(report, uow)
        if order.status == LabOrder.Status.CANCELLED:
            logger.warning("report for cancelled lab order %s ignored", order.accession)
            uow.record("lab_report.ignored", order, reason="cancelled", source=source)
            return order
        if order.status == LabOrder.Status.RESULTED and report.status != "corrected":
            logger.info("lab order %s already resulted, duplicate %s report ignored", order.accession, source)
            return order

        _store_values(order, report.values)
        uow.record("lab_report.stored", order, source=source, status=report.status, values=len(report.values))
        if report.is_final:
            order.mark_resulted(report.reported_at)
            uow.record("lab_order.resulted", order, abnormal=order.has_abnormal)
    logger.info("stored %s report for %s (%d values)", report.status, order.accession, len(report.values))
    return order


def poll_lab(lab):
    """Pull the lab's result feed. A batch is stored completely or not at all, so a failed batch is fetched again."""
    state, _ = LabSyncState.objects.get_or_create(lab=lab)
    payloads, next_cursor = get_client(lab).fetch_results(state.cursor)
    if not payloads:
        LabSyncState.objects.filter(pk=state.pk).update(last_polled_at=timezone.now(), last_batch_size=0)
        return 0

    with unit_of_work(f"poll_lab:{lab}") as uow:
        for payload in payloads:
            ingest_lab_report(parse_report(lab, payload), source="poll")
        state.cursor = next_cursor
        state.last_polled_at = timezone.now()
        state.last_batch_size = len(payloads)
        state.save(update_fields=["cursor", "last_polled_at", "last_batch_size"])
        uow.record("lab_sync.advanced", state, cursor=next_cursor, reports=len(payloads))
    logger.info("%s: stored %d reports, cursor now %s", lab, len(payloads), next_cursor)
    return len(payloads)
