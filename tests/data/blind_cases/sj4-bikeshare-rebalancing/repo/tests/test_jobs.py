from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rebalancing.dispatch import assign_tasks, expire_tasks
from rebalancing.models import RebalanceTask, Van
from stations.feed import StaticFeed, ingest_station_status
from stations.models import StationStatus

from .conftest import NOW


@pytest.mark.django_db
def test_ingest_stores_known_stations_only(station):
    s = station(code="ALF")
    StaticFeed.stations = [
        {"station_id": "ALF", "num_bikes_available": 3, "num_docks_available": 21, "last_reported": 1713258000},
        {"station_id": "ZZZ", "num_bikes_available": 1, "num_docks_available": 9},
    ]
    assert ingest_station_status(now=NOW) == 1
    assert ingest_station_status(now=NOW) == 1
    assert StationStatus.objects.get().station == s


@pytest.mark.django_db
def test_assign_and_expire(station):
    s1, s2 = station(), station()
    van = Van.objects.create(code="V1", on_shift=True, capacity=10)
    Van.objects.create(code="V2", on_shift=False)
    t1 = RebalanceTask.objects.create(station=s1, kind="drop_off", bikes=6, created_at=NOW,
                                      expires_at=NOW + timedelta(minutes=90), priority=2)
    t2 = RebalanceTask.objects.create(station=s2, kind="pick_up", bikes=14, created_at=NOW,
                                      expires_at=NOW + timedelta(minutes=90), priority=1)
    assert assign_tasks(now=NOW) == 1
    t1.refresh_from_db()
    assert (t1.status, t1.van) == ("assigned", van)
    assert expire_tasks(now=NOW + timedelta(hours=2)) == 2
    t2.refresh_from_db()
    assert t2.status == "expired"


@pytest.mark.django_db
def test_run_jobs_once(station, report):
    s = station()
    report(s, 0, at=NOW)
    out = StringIO()
    call_command("run_jobs", "--once", "--only", "expire_tasks", "--only", "assign_tasks", stdout=out)
    assert "expire_tasks: 0" in out.getvalue()
    assert "assign_tasks: 0" in out.getvalue()


def test_run_jobs_rejects_unknown_job():
    with pytest.raises(CommandError, match="nope"):
        call_command("run_jobs", "--once", "--only", "nope", stdout=StringIO())
