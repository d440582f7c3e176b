"""Acceptance tests for the hive weights job: scales that send data without being registered end up
as UnclaimedScale rows (Spark runs local[1], with separate Python workers as on the cluster)."""
import json
import os
import sys
from datetime import date

import pytest
from django.contrib.auth.models import User

from apiary.models import Apiary, Hive, Scale, UnclaimedScale
from telemetry.jobs.hive_weights import run

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

DAY = date(2024, 8, 3)
REGISTERED = "70B3D57ED0060001"
IDLE = "70B3D57ED0060002"      # registered, not installed under a hive yet
NEW_1 = "70B3D57ED0060A01"
NEW_2 = "70B3D57ED0060A02"     # already seen last week
READINGS = [  # dev_eui as sent by the network server, time, weight_g
    (REGISTERED, "2024-08-03T05:00:00Z", 41200),
    ("70b3d57ed0060a01", "2024-08-03T05:02:00Z", 12000),
    (NEW_2, "2024-08-03T05:03:00Z", 30500),
    (IDLE, "2024-08-03T05:04:00Z", 800),
    (REGISTERED, "2024-08-03T20:00:00Z", 41900),
    (NEW_1, "2024-08-03T20:02:00Z", 12100),
]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[1]")
        .appName("hive-weights-acceptance")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


@pytest.fixture
def hive(db):
    beekeeper = User.objects.create_user("jonas", email="jonas@example.org")
    apiary = Apiary.objects.create(code="ELB", name="Elbwiesen", beekeeper=beekeeper)
    hive = Hive.objects.create(apiary=apiary, tag="ELB-07")
    Scale.objects.create(device_eui=REGISTERED, hive=hive)
    Scale.objects.create(device_eui=IDLE, hive=None)
    UnclaimedScale.objects.create(device_eui=NEW_2, first_seen_on=date(2024, 7, 27), last_seen_on=date(2024, 7, 28))
    return hive


def run_job(spark, tmp_path):
    src = tmp_path / "uplinks"
    src.mkdir()
    lines = [json.dumps({"end_device_ids": {"dev_eui": eui}, "received_at": ts,
                         "uplink_message": {"f_port": 2, "decoded_payload": {"weight_g": grams, "temp_c": 18.0,
                                                                            "battery_mv": 3600}}})
             for eui, ts, grams in READINGS]
    (src / "part-0000.jsonl").write_text("\n".join(lines) + "\n")
    out = str(tmp_path / "hive_weights")
    run(spark, str(src), DAY, out)
    return out


@pytest.mark.django_db
def test_unregistered_scales_are_recorded_as_unclaimed(spark, hive, tmp_path):
    run_job(spark, tmp_path)

    unclaimed = {u.device_eui: (u.first_seen_on, u.last_seen_on) for u in UnclaimedScale.objects.all()}
    assert unclaimed == {
        NEW_1: (DAY, DAY),
        NEW_2: (date(2024, 7, 27), DAY),
    }


@pytest.mark.django_db
def test_daily_weights_still_only_for_registered_hives(spark, hive, tmp_path):
    out = run_job(spark, tmp_path)

    rows = [r.asDict() for r in spark.read.parquet(out).collect()]
    assert len(rows) == 1
    assert rows[0]["hive_id"] == hive.pk
    assert rows[0]["gain_kg"] == pytest.approx(0.7)
    assert rows[0]["day"] == DAY
    assert UnclaimedScale.objects.filter(device_eui__in=[NEW_1, NEW_2]).count() == 2
