import json
from datetime import date, datetime, timezone as dt_timezone
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from apiary.models import Inspection, Scale, SwarmAlert, UnclaimedScale
from apiary.tasks import notify_swarm
from telemetry.registry import record_swarm_alerts, record_unclaimed_scales

from .conftest import SCALE_1, STRAY


@pytest.mark.django_db
def test_record_unclaimed_scales(yard):
    UnclaimedScale.objects.create(device_eui=STRAY, first_seen_on=date(2024, 7, 1), last_seen_on=date(2024, 7, 1))
    assert record_unclaimed_scales({STRAY, "70B3D57ED00FFFFF", SCALE_1}, date(2024, 7, 9)) == 2
    stray = UnclaimedScale.objects.get(device_eui=STRAY)
    assert (stray.first_seen_on, stray.last_seen_on) == (date(2024, 7, 1), date(2024, 7, 9))
    assert not UnclaimedScale.objects.filter(device_eui=SCALE_1).exists()


@pytest.mark.django_db
def test_claim_scale(yard):
    UnclaimedScale.objects.create(device_eui=STRAY, first_seen_on=date(2024, 7, 9), last_seen_on=date(2024, 7, 9))
    call_command("claim_scale", STRAY.lower(), "LIN-02", stdout=StringIO())
    assert Scale.objects.get(device_eui=STRAY).hive.tag == "LIN-02"
    assert not UnclaimedScale.objects.exists()


@pytest.mark.django_db
def test_swarm_alert_is_mailed_once(yard):
    hive = yard.hives.get(tag="LIN-02")
    drop = {"hive_id": hive.pk, "measured_at": datetime(2024, 7, 9, 11, 15, 40, tzinfo=dt_timezone.utc),
            "drop_kg": 1.8}
    [alert_id] = record_swarm_alerts([drop])
    assert record_swarm_alerts([drop]) == []
    assert notify_swarm(alert_id) is True
    assert notify_swarm(alert_id) is False
    assert len(mail.outbox) == 1
    assert "LIN-02" in mail.outbox[0].subject
    assert SwarmAlert.objects.get().drop_kg == Decimal("1.80")


@pytest.mark.django_db
def test_record_inspection(yard):
    client = Client()
    client.force_login(yard.beekeeper)
    resp = client.post("/api/hives/LIN-01/inspections/", json.dumps(
        {"inspected_on": "2024-07-10", "queen_seen": True, "brood_frames": 7, "varroa_per_100": 1.5}),
        content_type="application/json")
    assert resp.status_code == 201
    assert Inspection.objects.get().brood_frames == 7
