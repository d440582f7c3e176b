import json
from io import StringIO

import pytest
from django.core.management import call_command

from windops.models import CurtailmentOrder


@pytest.mark.django_db
def test_import_creates_and_updates_orders(make_farm, tmp_path):
    farm = make_farm("HWF", connection_point="UW Hallenberg 110kV")
    feed = [
        {"ref": "TN-1", "connection_point": "UW Hallenberg 110kV", "reason": "congestion",
         "from": "2024-03-12T10:00:00+01:00", "to": "2024-03-12T11:00:00+01:00", "setpoint_mw": 4.5},
        {"ref": "TN-2", "connection_point": "UW Elsewhere 380kV", "reason": "redispatch",
         "from": "2024-03-12T10:00:00+01:00", "to": "2024-03-12T11:00:00+01:00"},
    ]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed))
    call_command("import_curtailment_orders", str(path), stdout=StringIO())

    feed[0]["to"] = "2024-03-12T12:00:00+01:00"
    path.write_text(json.dumps(feed))
    out = StringIO()
    call_command("import_curtailment_orders", str(path), stdout=out)

    order = CurtailmentOrder.objects.get()
    assert order.farm == farm and order.reason == "redispatch" and order.setpoint_kw == 4500
    assert order.ends_at.isoformat() == "2024-03-12T11:00:00+00:00"
    assert "0 new, 1 updated, 1 skipped" in out.getvalue()
