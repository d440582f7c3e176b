import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lockers.events import import_csv
from lockers.models import LockerUsage, Parcel

from .conftest import DAY, local

EXPORT = """event,locker,carrier,barcode,size,timestamp
deposit,AMS-CS,SWP,3SABC001,S,2024-05-14T08:15:00
deposit,AMS-CS,SWP,3SABC002,m,2024-05-14T08:20:00+02:00
pickup,AMS-CS,SWP,3SABC001,,2024-05-14T17:45:00
deposit,AMS-CS,SWP,3SABC001,S,2024-05-14T08:15:00
return,AMS-CS,SWP,3SNOPE,,2024-05-14T19:00:00
teleport,AMS-CS,SWP,3SABC002,,2024-05-14T19:00:00
"""


def test_import_controller_export(make_carrier, lockers):
    make_carrier("SWP", {lockers["AMS-CS"]: 10})
    applied, duplicates, errors = import_csv(io.StringIO(EXPORT))
    assert (applied, duplicates, len(errors)) == (3, 1, 2)
    picked_up = Parcel.objects.get(barcode="3SABC001")
    assert picked_up.collected_at == local(2024, 5, 14, 17, 45)
    assert Parcel.objects.get(barcode="3SABC002").in_locker


def test_locker_usage_command_for_one_tenant(spark, make_carrier, lockers, make_parcel):
    swift = make_carrier("SWP", {lockers["AMS-CS"]: 2})
    make_carrier("KRL", {lockers["UTR-01"]: 5})
    make_parcel(swift, lockers["AMS-CS"], local(2024, 5, 14, 0, 0), local(2024, 5, 14, 12, 0))

    out = StringIO()
    call_command("locker_usage", "--tenant", "SWP", "--date", DAY.isoformat(), stdout=out)

    usage = LockerUsage.objects.get()
    assert (usage.carrier, usage.occupied_hours, usage.utilisation) == (swift, 12.0, 0.25)
    assert "[1/1] SWP: 1 lockers" in out.getvalue()
    assert "Amsterdam: M=1" in out.getvalue()


def test_locker_usage_command_rejects_unknown_tenant(db):
    with pytest.raises(CommandError, match="unknown carrier"):
        call_command("locker_usage", "--tenant", "NOPE", "--date", DAY.isoformat(), stdout=StringIO())
