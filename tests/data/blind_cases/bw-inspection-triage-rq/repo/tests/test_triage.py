from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from inspections.jobs import triage_inspection
from inspections.models import Defect, Inspection
from vehicles.models import Vehicle, WorkOrder


def make_inspection(van, driver, *areas):
    inspection = Inspection.objects.create(vehicle=van, driver=driver, odometer_km=81250)
    for area in areas:
        Defect.objects.create(inspection=inspection, area=area, description=f"{area} problem")
    return inspection


@pytest.mark.django_db
def test_safety_defect_grounds_the_vehicle(van, driver):
    inspection = make_inspection(van, driver, Defect.Area.BRAKES, Defect.Area.BODY)

    assert triage_inspection(inspection.pk) == Inspection.Outcome.GROUNDED

    assert Vehicle.objects.get(pk=van.pk).status == Vehicle.Status.OUT_OF_SERVICE
    order = WorkOrder.objects.get(source_inspection=inspection)
    assert order.title == "SAFETY: B-FD 1042: Body / doors, Brakes"
    assert len(mail.outbox) == 1
    assert "brakes problem" in mail.outbox[0].body


@pytest.mark.django_db
def test_minor_defect_opens_a_work_order_only(van, driver):
    inspection = make_inspection(van, driver, Defect.Area.MIRRORS)
    assert triage_inspection(inspection.pk) == Inspection.Outcome.MINOR
    assert Vehicle.objects.get(pk=van.pk).status == Vehicle.Status.IN_SERVICE
    assert WorkOrder.objects.filter(vehicle=van).count() == 1
    assert mail.outbox == []


@pytest.mark.django_db
def test_clean_inspection(van, driver):
    inspection = make_inspection(van, driver)
    assert triage_inspection(inspection.pk) == Inspection.Outcome.OK
    assert triage_inspection(inspection.pk) == Inspection.Outcome.OK
    assert not WorkOrder.objects.exists()
    assert Inspection.objects.get(pk=inspection.pk).status == Inspection.Status.TRIAGED


@pytest.mark.django_db
def test_requeue_triage_picks_up_stuck_inspections(van, driver):
    inspection = make_inspection(van, driver, Defect.Area.TYRES)
    Inspection.objects.filter(pk=inspection.pk).update(status=Inspection.Status.SUBMITTED,
                                                       submitted_at=timezone.now() - timedelta(hours=1))
    call_command("requeue_triage", "--older-than", "30")
    inspection.refresh_from_db()
    assert inspection.outcome == Inspection.Outcome.GROUNDED
    assert inspection.triage_job_id
