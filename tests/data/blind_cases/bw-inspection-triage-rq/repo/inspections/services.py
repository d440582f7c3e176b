import logging

from django.db import transaction
from django.utils import timezone

from vehicles.models import Vehicle

from .models import Defect, Inspection

logger = logging.getLogger(__name__)


class InspectionError(ValueError):
    pass


def submit_inspection(vehicle, driver, *, odometer_km, kind=Inspection.Kind.PRE_TRIP, defects=()):
    """Record a driver's inspection with its defects ([{"area": ..., "description": ...}]).

    Submitting it queues the triage job (see ``inspections.signals``).
    """
    if vehicle.status == Vehicle.Status.RETIRED:
        raise InspectionError(f"{vehicle.plate} is retired")
    if not driver.is_active:
        raise InspectionError(f"driver {driver.employee_no} is not active")
    areas = set(Defect.Area.values)
    for defect in defects:
        if defect.get("area") not in areas:
            raise InspectionError(f"unknown defect area {defect.get('area')!r}")
        if not defect.get("description", "").strip():
            raise InspectionError("every defect needs a description")

    with transaction.atomic():
        inspection = Inspection.objects.create(vehicle=vehicle, driver=driver, kind=kind, odometer_km=odometer_km)
        Defect.objects.bulk_create([
            Defect(inspection=inspection, area=d["area"], description=d["description"].strip()) for d in defects
        ])
        inspection.status = Inspection.Status.SUBMITTED
        inspection.submitted_at = timezone.now()
        inspection.save(update_fields=["status", "submitted_at"])
        # the odometer never goes backwards: a lower reading is a typo in the app
        recorded = Vehicle.objects.filter(pk=vehicle.pk, odometer_km__lte=odometer_km).update(
            odometer_km=odometer_km
        )
        if not recorded:
            raise InspectionError(
                f"odometer {odometer_km} km is lower than the last reading for {vehicle.plate}"
            )
    logger.info("inspection %s submitted for %s with %d defect(s)", inspection.pk, vehicle.plate, len(defects))
    return inspection
