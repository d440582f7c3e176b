from datetime import timedelta

from django.utils import timezone

from fleet.models import Vehicle
from telemetry.jobs import mark_silent_vehicles, purge_old_positions, sync_vehicle_roster
from telemetry.models import JobLock, PositionReport

from .conftest import T0


def test_roster_sync_adds_and_retires_vehicles(operator_feed, trams):
    operator_feed.vehicles = [
        {"id": "VIE-B-2104", "fleet_number": "2104", "series": "Flexity", "depot": "BRG", "state": "active"},
        {"id": "VIE-B-2107", "fleet_number": "2107", "series": "Flexity", "depot": "BRG", "state": "retired"},
        {"id": "VIE-B-2140", "fleet_number": "2140", "series": "Flexity", "depot": "BRG", "state": "active"},
    ]

    assert sync_vehicle_roster() == (1, 1)
    assert Vehicle.objects.get(fleet_number="2107").status == Vehicle.Status.RETIRED
    assert Vehicle.objects.get(fleet_number="2140").depot.code == "BRG"
    assert not JobLock.objects.exists()


def test_purge_keeps_recent_positions(trams, settings):
    settings.TELEMETRY_RETENTION_DAYS = 30
    tram = trams["2104"]
    for days in (1, 29, 31, 200):
        PositionReport.objects.create(vehicle=tram, recorded_at=T0 - timedelta(days=days),
                                      latitude="48.2", longitude="16.37")

    assert purge_old_positions(now=T0) == 2
    assert PositionReport.objects.count() == 2
    assert not JobLock.objects.exists()


def test_mark_silent_vehicles(trams):
    now = timezone.now()
    Vehicle.objects.filter(fleet_number="2104").update(last_seen_at=now - timedelta(minutes=40))
    Vehicle.objects.filter(fleet_number="2107").update(last_seen_at=now - timedelta(minutes=2))

    assert mark_silent_vehicles(now=now) == 1
    assert Vehicle.objects.get(fleet_number="2104").status == Vehicle.Status.SILENT
