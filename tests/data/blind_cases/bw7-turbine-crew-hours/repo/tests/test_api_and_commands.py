import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from crews.models import Technician, Timesheet
from fleet.jobs import ingest_scada_counters


@pytest.mark.django_db(transaction=True)
def test_sync_endpoint_applies_entries(client, technician, work_order, days_ago):
    body = {"entries": [
        {"date": days_ago(1).isoformat(), "hours": "8", "work_order": work_order.number, "client_ref": "a1"},
        {"date": days_ago(2).isoformat(), "hours": "2", "kind": "travel", "client_ref": "a2"},
    ]}
    resp = client.post(f"/api/technicians/{technician.employee_no}/timesheets/", data=json.dumps(body),
                       content_type="application/json")
    assert resp.status_code == 202, resp.content
    assert len(resp.json()["accepted"]) == 2

    again = client.post(f"/api/technicians/{technician.employee_no}/timesheets/", data=json.dumps(body),
                        content_type="application/json")
    assert again.json()["duplicates"] == ["a1", "a2"]

    hours = client.get(f"/api/technicians/{technician.employee_no}/hours/").json()
    assert hours["regular_hours"] == "10.00"
    assert hours["pending"] == 0


@pytest.mark.django_db
def test_recompute_command(technician, work_order, days_ago):
    day = days_ago(1)
    Timesheet.objects.create(technician=technician, work_order=work_order, work_date=day, hours=Decimal("9"),
                             status=Timesheet.Status.APPLIED)
    Technician.objects.filter(pk=technician.pk).update(regular_hours=Decimal("3"))
    out = StringIO()
    call_command("recompute_crew_hours", "--month", day.strftime("%Y-%m"), stdout=out)
    technician.refresh_from_db()
    assert technician.regular_hours == Decimal("9")
    assert "1 technician(s) updated" in out.getvalue()


@pytest.mark.django_db
def test_scada_ingest(turbine):
    assert ingest_scada_counters("hvs", {"T07": "0.5", "T99": "1"}) == 1
    turbine.refresh_from_db()
    assert turbine.operating_hours == Decimal("31250.5")
