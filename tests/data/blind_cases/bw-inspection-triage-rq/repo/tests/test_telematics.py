import json

import pytest

from vehicles.models import Vehicle


@pytest.mark.django_db(transaction=True)
def test_pings_update_the_vehicle(client, van):
    resp = client.post(
        "/api/telematics/pings/",
        data=json.dumps({"pings": [
            {"id": "TRK-1042", "t": "2024-06-03T07:00:00+02:00", "lat": 52.47, "lon": 13.40, "odo": 81300},
            {"id": "TRK-1042", "t": "2024-06-03T07:05:00+02:00", "lat": 52.48, "lon": 13.41, "odo": 81304},
        ]}),
        content_type="application/json",
        HTTP_X_TRACKER_TOKEN="tracker-token",
    )
    assert resp.status_code == 202, resp.content
    van = Vehicle.objects.get(pk=van.pk)
    assert (van.latitude, van.longitude, van.odometer_km) == (52.48, 13.41, 81304)
    assert van.insurer_synced_at is not None  # registered when created


@pytest.mark.django_db
def test_pings_need_the_token(client):
    resp = client.post("/api/telematics/pings/", data="{}", content_type="application/json")
    assert resp.status_code == 403
