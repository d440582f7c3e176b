from datetime import timedelta

import pytest

from outbox.models import OutboxMessage
from stations.clients import Observation, StaticLoggerClient, StationUnavailable, parse_campbell, parse_davis
from stations.ingest import poll_station, record_failure
from stations.models import Reading

from .conftest import T0, records


@pytest.mark.django_db
def test_poll_station_stores_new_records_once(make_station):
    station = make_station("NE-ARL")
    StaticLoggerClient.feed["NE-ARL"] = records(T0 - timedelta(minutes=30), 6)

    assert poll_station(station, StaticLoggerClient(), now=T0) == 6
    assert poll_station(station, StaticLoggerClient(), now=T0 + timedelta(minutes=1)) == 0

    station.refresh_from_db()
    assert Reading.objects.filter(station=station).count() == 6
    assert station.last_observed_at == T0 - timedelta(minutes=5)
    assert station.consecutive_failures == 0


@pytest.mark.django_db
def test_out_of_range_values_are_dropped_and_flagged(make_station):
    station = make_station("NE-MEA")
    StaticLoggerClient.feed["NE-MEA"] = [
        Observation(T0 - timedelta(minutes=5), {"air_temp_c": 6999.0, "relative_humidity": 101.5}),
    ]
    poll_station(station, StaticLoggerClient(), now=T0)

    reading = Reading.objects.get(station=station)
    assert reading.air_temp_c is None
    assert reading.relative_humidity == 100.0
    assert reading.qc_flags == "air_temp_c"


@pytest.mark.django_db
def test_records_from_the_future_are_skipped(make_station):
    station = make_station("NE-SCO")
    StaticLoggerClient.feed["NE-SCO"] = records(T0 - timedelta(minutes=5), 1) + records(T0 + timedelta(hours=2), 1)
    assert poll_station(station, StaticLoggerClient(), now=T0) == 1


@pytest.mark.django_db
def test_one_frost_alert_per_station_and_night(make_station):
    station = make_station("NE-CON")
    StaticLoggerClient.feed["NE-CON"] = records(T0 - timedelta(hours=1), 6, air_temp_c=0.2)
    poll_station(station, StaticLoggerClient(), now=T0 - timedelta(minutes=30))
    poll_station(station, StaticLoggerClient(), now=T0)

    alerts = OutboxMessage.objects.filter(topic="frost.alert")
    assert alerts.count() == 1
    assert alerts.get().payload["station"] == "NE-CON"


@pytest.mark.django_db
def test_station_offline_alert_after_repeated_failures(make_station, settings):
    settings.STATION_OFFLINE_AFTER_FAILURES = 3
    station = make_station("NE-HAR")
    for minute in range(4):
        record_failure(station, StationUnavailable("timed out"), now=T0 + timedelta(minutes=minute))

    station.refresh_from_db()
    assert station.consecutive_failures == 4
    assert OutboxMessage.objects.filter(topic="station.offline").count() == 1


def test_parse_campbell_maps_fields():
    document = {
        "head": {"fields": [{"name": "AirTC_Avg"}, {"name": "RH"}, {"name": "Rain_mm_Tot"}, {"name": "BattV_Min"}]},
        "data": [{"time": "2024-10-14T05:55:00", "no": 8812, "vals": [3.41, 88.2, "NAN", 12.6]}],
    }
    (obs,) = parse_campbell(document)
    assert obs.observed_at == T0 - timedelta(minutes=5)
    assert obs.values == {"air_temp_c": 3.41, "relative_humidity": 88.2, "precipitation_mm": None}


def test_parse_davis_converts_units():
    document = {"records": [{"ts": int(T0.timestamp()), "temp_f": 50.0, "hum": 60, "rain_in": 0.1, "wind_mph": 10}]}
    (obs,) = parse_davis(document)
    assert obs.observed_at == T0
    assert obs.values["air_temp_c"] == 10.0
    assert obs.values["precipitation_mm"] == 2.54
    assert obs.values["wind_speed_ms"] == 4.47
