import csv
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from analytics.writeback import store_attendant_days
from housekeeping.models import AttendantDay, CleaningKind, CleaningTask, Room
from housekeeping.tasks import open_stayover_tasks


def post(client, task, **payload):
    return client.post(f"/api/tasks/{task.pk}/events/", json.dumps(payload), content_type="application/json")


@pytest.mark.django_db(transaction=True)
def test_departure_flow_releases_room(hotel, monkeypatch):
    pushed = []
    monkeypatch.setattr("housekeeping.tasks.push_room_status", lambda room, status: pushed.append((room.number, status)))
    room = Room.objects.get(number="201")
    task = CleaningTask.objects.create(room=room, kind=CleaningKind.DEPARTURE, business_date=date(2024, 5, 14))
    client = Client()
    assert post(client, task, action="start", badge="B200").status_code == 200
    assert post(client, task, action="finish").status_code == 200
    assert post(client, task, action="inspect").status_code == 200
    task.refresh_from_db()
    assert task.status == CleaningTask.Status.DONE and task.attendant.badge_id == "B200"
    assert pushed == [("201", "inspected")]


@pytest.mark.django_db
def test_finish_requires_start(hotel):
    task = CleaningTask.objects.create(room=Room.objects.get(number="101"), kind=CleaningKind.DEPARTURE,
                                       business_date=date(2024, 5, 14))
    assert post(Client(), task, action="finish").status_code == 400


@pytest.mark.django_db
def test_open_stayover_tasks(hotel):
    Room.objects.filter(number__in=["101", "102"]).update(status=Room.Status.OCCUPIED)
    assert open_stayover_tasks(date(2024, 5, 15)) == 2
    assert open_stayover_tasks(date(2024, 5, 15)) == 0


@pytest.mark.django_db
def test_export_cleaning_tasks(hotel, tmp_path):
    CleaningTask.objects.create(room=Room.objects.get(number="103"), kind=CleaningKind.STAYOVER,
                                business_date=date(2024, 5, 14), status=CleaningTask.Status.SKIPPED)
    call_command("export_cleaning_tasks", "--property", "LIS1", "--date", "2024-05-14", "--out", str(tmp_path),
                 stdout=StringIO())
    with open(tmp_path / "tasks.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 1
    assert rows[0]["room"] == "103" and rows[0]["badge_id"] == "" and rows[0]["status"] == "skipped"


@pytest.mark.django_db
def test_store_attendant_days(hotel):
    rows = [
        {"business_date": date(2024, 5, 14), "badge_id": "B100", "rooms_cleaned": 2, "credits": 1.5,
         "minutes_worked": 45, "over_target": 1},
        {"business_date": date(2024, 5, 14), "badge_id": "B999", "rooms_cleaned": 1, "credits": 1.0,
         "minutes_worked": 30, "over_target": 0},
    ]
    assert store_attendant_days("LIS1", rows) == ["B999"]
    day = AttendantDay.objects.get(attendant__badge_id="B100")
    assert str(day.credits) == "1.50" and day.over_target == 1
