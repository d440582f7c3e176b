from datetime import timedelta

from fleet.models import Vehicle
from telemetry.jobs import TELEMETRY_IMPORT, import_vehicle_telemetry
from telemetry.locks import DbLock
from telemetry.models import ImportCursor, PositionReport

from .conftest import T0, position


def test_imports_positions_and_updates_vehicles(operator_feed, trams, lines):
    operator_feed.positions = [
        position("2104", T0),
        position("2104", T0 + timedelta(seconds=30), speed=0, doors="open"),
        position("2107", T0 + timedelta(seconds=10), line="5"),
    ]

    assert import_vehicle_telemetry() == 3

    assert PositionReport.objects.count() == 3
    tram = Vehicle.objects.get(fleet_number="2104")
    assert tram.last_seen_at == T0 + timedelta(seconds=30)
    assert tram.last_line == lines["49"]
    latest = PositionReport.objects.filter(vehicle=tram).latest("recorded_at")
    assert latest.doors_open is True
    assert ImportCursor.objects.get(name=TELEMETRY_IMPORT).position == "3"


def test_next_run_continues_from_cursor(operator_feed, trams, lines):
    operator_feed.positions = [position("2104", T0), position("2107", T0)]
    import_vehicle_telemetry()
    operator_feed.positions = operator_feed.positions + [position("2104", T0 + timedelta(minutes=5))]

    assert import_vehicle_telemetry() == 1
    assert PositionReport.objects.count() == 3


def test_reads_several_pages(operator_feed, trams, lines, settings):
    settings.OPERATOR_API_PAGE_SIZE = 2
    operator_feed.positions = [position("2131", T0 + timedelta(seconds=15 * i)) for i in range(5)]

    assert import_vehicle_telemetry() == 5
    assert ImportCursor.objects.get(name=TELEMETRY_IMPORT).position == "5"


def test_unknown_and_retired_vehicles_are_ignored(operator_feed, trams, lines):
    Vehicle.objects.filter(fleet_number="2131").update(status=Vehicle.Status.RETIRED)
    operator_feed.positions = [position("2104", T0), position("9999", T0), position("2131", T0)]

    assert import_vehicle_telemetry() == 1


def test_silent_vehicle_is_back_in_service(operator_feed, trams, lines):
    Vehicle.objects.filter(fleet_number="2107").update(status=Vehicle.Status.SILENT, last_seen_at=T0)
    operator_feed.positions = [position("2107", T0 + timedelta(minutes=40))]

    import_vehicle_telemetry()

    assert Vehicle.objects.get(fleet_number="2107").status == Vehicle.Status.IN_SERVICE


def test_skips_while_another_import_is_running(operator_feed, trams, lines):
    other = DbLock(TELEMETRY_IMPORT)
    assert other.acquire()
    operator_feed.positions = [position("2104", T0)]

    assert import_vehicle_telemetry() == 0
    assert PositionReport.objects.count() == 0

    other.release()
    assert import_vehicle_telemetry() == 1
