import json

import pytest

from inspections.models import Defect, Inspection
from inspections.services import InspectionError, submit_inspection
from vehicles.models import Vehicle


@pytest.mark.django_db
def test_submit_records_defects_and_odometer(van, driver):
    inspection = submit_inspection(van, driver, odometer_km=81390, defects=[
        {"area": "lights", "description": "left indicator broken"},
        {"area": "cargo", "description": "strap missing"},
    ])
    assert inspection.status == Inspection.Status.SUBMITTED
    assert sorted(inspection.defects.values_list("area", flat=True)) == ["cargo", "lights"]
    assert Vehicle.objects.get(pk=van.pk).odometer_km == 81390


@pytest.mark.django_db
def test_lower_odometer_is_refused(van, driver):
    with pytest.raises(InspectionError):
        submit_inspection(van, driver, odometer_km=8120, defects=[])
    assert not Inspection.objects.exists()
    assert Vehicle.objects.get(pk=van.pk).odometer_km == 81200


@pytest.mark.django_db
def test_unknown_area_is_refused(van, driver):
    with pytest.raises(InspectionError):
        submit_inspection(van, driver, odometer_km=81300, defects=[{"area": "engine", "description": "noise"}])
    assert not Defect.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_inspection_from_the_app_is_triaged(client, van, driver):
    resp = client.post(
        f"/api/vehicles/{van.plate}/inspections/",
        data=json.dumps({"driver": "D-207", "odometer_km": 81400,
                         "defects": [{"area": "tyres", "description": "rear right tyre bald"}]}),
        content_type="application/json",
    )
    assert resp.status_code == 201, resp.content
    inspection = Inspection.objects.get(pk=resp.json()["id"])
    assert inspection.outcome == Inspection.Outcome.GROUNDED
    assert inspection.triage_job_id
    assert Vehicle.objects.get(pk=van.pk).status == Vehicle.Status.OUT_OF_SERVICE


@pytest.mark.django_db
def test_api_unknown_vehicle(client):
    resp = client.post("/api/vehicles/NOPE/inspections/", data=json.dumps({"driver": "x", "odometer_km": 1}),
                       content_type="application/json")
    assert resp.status_code == 404
