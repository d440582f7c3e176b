from datetime import date

import pytest

from telemetry.jobs.batteries import low_battery_scales
from telemetry.jobs.hive_weights import attach_hives, daily_weights, swarm_drops
from telemetry.jobs.uplinks import load_readings, parse_uplink
from telemetry.registry import scale_hive_map

from .conftest import SCALE_1, SCALE_2, STRAY


def test_parse_uplink_rejects_non_readings():
    assert parse_uplink('{"end_device_ids": {"dev_eui": "ab"}, "join_accept": {}}') is None
    assert parse_uplink("not json") is None
    eui, measured_at, weight, temp, battery = parse_uplink(
        '{"end_device_ids": {"dev_eui": "70b3d57ed005a1b2"}, "received_at": "2024-07-09T04:00:12Z",'
        ' "uplink_message": {"decoded_payload": {"weight_g": 48210, "temp_c": 14.5, "battery_mv": 3640}}}')
    assert (eui, weight, temp, battery) == (SCALE_1, 48.21, 14.5, 3640)
    assert measured_at.utcoffset().total_seconds() == 0


def test_load_readings(spark, uplinks):
    readings, rejected = load_readings(spark, uplinks)
    assert readings.count() == 10
    assert rejected == 2
    assert {r["device_eui"] for r in readings.collect()} == {SCALE_1, SCALE_2, STRAY}


@pytest.fixture
def tagged(spark, uplinks, yard):
    readings, _ = load_readings(spark, uplinks)
    tagged, _ = attach_hives(readings, spark.sparkContext.broadcast(scale_hive_map()))
    return tagged


@pytest.mark.django_db
def test_attach_hives(tagged, yard):
    hives = {h.tag: h.pk for h in yard.hives.all()}
    by_scale = {}
    for row in tagged.collect():
        by_scale.setdefault(row["device_eui"], set()).add(row["hive_id"])
    assert by_scale == {SCALE_1: {hives["LIN-01"]}, SCALE_2: {hives["LIN-02"]}, STRAY: {None}}


@pytest.mark.django_db
def test_daily_weights(tagged, yard):
    hives = {h.tag: h.pk for h in yard.hives.all()}
    rows = {r["hive_id"]: r for r in daily_weights(tagged, date(2024, 7, 9)).collect()}
    assert set(rows) == {hives["LIN-01"], hives["LIN-02"]}
    assert rows[hives["LIN-01"]]["gain_kg"] == 1.24
    assert rows[hives["LIN-01"]]["readings"] == 4
    assert rows[hives["LIN-02"]]["gain_kg"] == -1.3
    assert rows[hives["LIN-02"]]["day"] == date(2024, 7, 9)


@pytest.mark.django_db
def test_swarm_drops(tagged, yard):
    drops = [r.asDict() for r in swarm_drops(tagged).collect()]
    assert len(drops) == 1
    assert drops[0]["hive_id"] == yard.hives.get(tag="LIN-02").pk
    assert drops[0]["drop_kg"] == pytest.approx(1.8)


def test_low_battery_scales(spark, uplinks):
    readings, _ = load_readings(spark, uplinks)
    assert low_battery_scales(readings) == [SCALE_2]
    assert low_battery_scales(readings, low_mv=3700) == [SCALE_1, SCALE_2, STRAY]
