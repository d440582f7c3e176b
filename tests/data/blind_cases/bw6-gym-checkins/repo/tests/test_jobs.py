import csv
from datetime import timedelta

import pytest
from django.utils import timezone

from access.jobs import export_checkins, purge_old_checkins, record_occupancy
from access.models import CheckIn, ExportRun

pytestmark = pytest.mark.django_db


def test_export_writes_one_local_day(gyms, make_member, local_dt, settings, tmp_path):
    settings.CHECKIN_EXPORT_DIR = tmp_path
    member = make_member()
    CheckIn.objects.create(member=member, gym=gyms["rino"], at=local_dt(1, 0, 5))
    CheckIn.objects.create(member=member, gym=gyms["slc"], at=local_dt(1, 23, 55), door="bouldering")
    CheckIn.objects.create(member=member, gym=gyms["rino"], at=local_dt(2, 23, 55))
    CheckIn.objects.create(member=member, gym=gyms["rino"], at=local_dt(0, 0, 5))

    assert export_checkins() == 2
    day = timezone.localdate() - timedelta(days=1)
    run = ExportRun.objects.get(day=day)
    with open(run.path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["gym"] for r in rows] == ["rino", "slc"]
    assert rows[1]["door"] == "bouldering"


def test_purge_keeps_recent_checkins(gyms, make_member, local_dt, monkeypatch):
    monkeypatch.setattr("access.jobs.PURGE_BATCH", 3)
    member = make_member()
    CheckIn.objects.bulk_create(
        [CheckIn(member=member, gym=gyms["rino"], at=local_dt(800 + i)) for i in range(7)]
        + [CheckIn(member=member, gym=gyms["rino"], at=local_dt(10))]
    )
    assert purge_old_checkins() == 7
    assert CheckIn.objects.count() == 1


def test_occupancy_counts_climbers_of_the_last_two_hours(gyms, make_member):
    now = timezone.now()
    a, b = make_member("A"), make_member("B")
    CheckIn.objects.create(member=a, gym=gyms["rino"], at=now - timedelta(minutes=30))
    CheckIn.objects.create(member=a, gym=gyms["rino"], at=now - timedelta(minutes=29), door="bouldering")
    CheckIn.objects.create(member=b, gym=gyms["rino"], at=now - timedelta(minutes=100))
    CheckIn.objects.create(member=b, gym=gyms["golden"], at=now - timedelta(hours=5))

    assert record_occupancy() == {"golden": 0, "rino": 2, "slc": 0}
