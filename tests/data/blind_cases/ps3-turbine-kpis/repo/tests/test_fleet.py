from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from fleet.models import MaintenanceTicket, Turbine
from fleet.tasks import close_stale_tickets, open_fault_ticket


@pytest.mark.django_db
def test_open_fault_ticket_bumps_open_ticket(farm):
    assert open_fault_ticket("TEST1-WTG01", "GB-TEMP") == "opened"
    assert open_fault_ticket("TEST1-WTG01", "GB-TEMP") == "bumped"
    assert open_fault_ticket("NOPE-WTG99", "GB-TEMP") is None
    assert MaintenanceTicket.objects.count() == 1


@pytest.mark.django_db
def test_close_stale_tickets(farm):
    open_fault_ticket("TEST1-WTG02", "PITCH-3")
    MaintenanceTicket.objects.update(last_alarm_at=timezone.now() - timedelta(days=3))
    assert close_stale_tickets() == 1
    assert MaintenanceTicket.objects.get().status == MaintenanceTicket.Status.CLOSED


@pytest.mark.django_db
def test_import_turbines(farm, tmp_path):
    path = tmp_path / "turbines.csv"
    path.write_text("farm,turbine_id,model,rated_kw,commissioned_on\n"
                    "TEST1,TEST1-WTG01,V117-4.2,4200,2019-05-01\nTEST1,TEST1-WTG03,V117-4.2,4200,\n")
    call_command("import_turbines", str(path), "--deactivate-missing", stdout=StringIO())
    assert Turbine.objects.get(turbine_id="TEST1-WTG01").rated_kw == 4200
    assert Turbine.objects.filter(active=True).count() == 2
    assert not Turbine.objects.get(turbine_id="TEST1-WTG02").active
