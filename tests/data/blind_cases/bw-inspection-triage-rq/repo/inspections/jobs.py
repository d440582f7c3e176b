"""RQ jobs of the inspections app (queue "inspections")."""
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from vehicles.models import Vehicle, WorkOrder

from .models import Inspection

logger = logging.getLogger(__name__)


def triage_inspection(inspection_id):
    """Ground the vehicle and open a work order for what the driver reported."""
    inspection = Inspection.objects.select_related("vehicle", "driver").get(pk=inspection_id)
    if inspection.status == Inspection.Status.TRIAGED:
        return inspection.outcome
    vehicle = inspection.vehicle
    defects = list(inspection.defects.all())
    critical = [d for d in defects if d.is_safety_critical]
    with transaction.atomic():
        if critical:
            Vehicle.objects.filter(pk=vehicle.pk).update(status=Vehicle.Status.OUT_OF_SERVICE)
            outcome = Inspection.Outcome.GROUNDED
        elif defects:
            outcome = Inspection.Outcome.MINOR
        else:
            outcome = Inspection.Outcome.OK
        if defects:
            areas = ", ".join(sorted({d.get_area_display() for d in defects}))
            WorkOrder.objects.create(
                vehicle=vehicle,
                source_inspection=inspection,
                title=f"{'SAFETY: ' if critical else ''}{vehicle.plate}: {areas}",
                details="\n".join(f"- [{d.get_area_display()}] {d.description}" for d in defects),
            )
        Inspection.objects.filter(pk=inspection.pk).update(
            status=Inspection.Status.TRIAGED, outcome=outcome, triaged_at=timezone.now()
        )
    if critical:
        send_mail(
            f"{vehicle.plate} taken out of service",
            f"{inspection.driver.name} reported: "
            + "; ".join(d.description for d in critical)
            + f"\nDepot: {vehicle.depot}, odometer {inspection.odometer_km} km.",
            settings.DEFAULT_FROM_EMAIL,
            [settings.WORKSHOP_EMAIL],
        )
    logger.info("inspection %s triaged: %s", inspection.pk, outcome)
    return outcome
