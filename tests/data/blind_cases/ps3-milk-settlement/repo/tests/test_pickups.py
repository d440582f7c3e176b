from decimal import Decimal

import pytest

from pickups.models import Tanker, WarmTankAlert
from pickups.tasks import alert_warm_tank


@pytest.mark.django_db
def test_warm_tank_view_only_alerts_above_limit(client, farms, monkeypatch):
    Tanker.objects.create(code="T03", registration="221-D-1234")
    sent = []

    class Response:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr("urllib.request.urlopen", lambda req, timeout: sent.append(req) or Response())
    farms["F0101"].phone = "+353870000101"
    farms["F0101"].save()
    body = {"farm_code": "F0101", "tanker": "T03", "temp_c": 5.5, "reported_at": "2026-03-03T06:05:00+00:00"}
    assert client.post("/api/tankers/warm-tank/", body, content_type="application/json").json() == {"alert": False}
    body["temp_c"] = 7.2
    assert client.post("/api/tankers/warm-tank/", body, content_type="application/json").status_code == 202
    alert = WarmTankAlert.objects.get()
    assert alert.temp_c == Decimal("7.2") and alert.sms_sent
    assert alert_warm_tank("F0101", "T03", 7.2, "2026-03-03T06:05:00+00:00") is False  # already texted
    assert len(sent) == 1
