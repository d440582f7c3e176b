from datetime import date

import pytest
from django.core.management import call_command
from pyspark.sql import SparkSession


def beat(camera, ts, battery=0.8):
    return {"camera": camera, "sent_at": ts, "battery": battery}


@pytest.mark.django_db
def test_camera_uptime_command(spark, hohe_wand, write_jsonl, tmp_path, capsys):
    source = write_jsonl("heartbeats", [
        beat("HW-01", "2024-05-02T00:00:00Z"), beat("HW-01", "2024-05-02T00:15:00Z"),
        beat("HW-01", "2024-05-02T00:30:00Z"), beat("HW-01", "2024-05-02T03:00:00Z"),  # 2.5 h outage
        beat("HW-02", "2024-05-02T10:00:00Z", 0.2), beat("HW-02", "2024-05-02T10:10:00Z", 0.1),
        beat("HW-09", "2024-05-02T10:00:00Z"), beat("HW-09", "2024-05-02T10:10:00Z"),  # retired camera
    ])
    out = str(tmp_path / "uptime")

    call_command("camera_uptime", "--date", "2024-05-02", "--input", source, "--output", out)

    rows = SparkSession.getActiveSession().read.parquet(out).orderBy("camera").collect()
    assert [(r["day"], r["camera"], r["hours_up"], r["low_battery"]) for r in rows] == [
        (date(2024, 5, 2), "HW-01", 0.5, False),
        (date(2024, 5, 2), "HW-02", 0.17, True),
    ]
    assert "low battery: HW-02" in capsys.readouterr().out
