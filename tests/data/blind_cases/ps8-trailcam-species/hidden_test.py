"""Acceptance test: `manage.py sightings_report` runs end to end on the species and cameras stored in the
database (Spark local[1]) and produces the per-reserve, per-species daily summary and ranger alerts."""
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from reserves.models import Camera, Reserve, Species


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("sightings-acceptance")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.conf.set("spark.sql.session.timeZone", "UTC")
    return session


@pytest.fixture
def lookups(db):
    hw = Reserve.objects.create(slug="hohe-wand", name="Hohe Wand", ranger_email="hw@example.org")
    ds = Reserve.objects.create(slug="duerrenstein", name="Dürrenstein", ranger_email="ds@example.org")
    Camera.objects.create(code="HW-01", reserve=hw, installed_on=date(2023, 4, 1))
    Camera.objects.create(code="HW-02", reserve=hw, installed_on=date(2023, 4, 1))
    Camera.objects.create(code="DS-04", reserve=ds, installed_on=date(2021, 5, 1))
    Species.objects.create(label_code="lynx_lynx", common_name="Eurasian lynx", scientific_name="Lynx lynx",
                           min_confidence=Decimal("0.70"), protected=True)
    Species.objects.create(label_code="vulpes_vulpes", common_name="Red fox", scientific_name="Vulpes vulpes",
                           min_confidence=Decimal("0.80"))
    Species.objects.create(label_code="procyon_lotor", common_name="Raccoon", scientific_name="Procyon lotor",
                           min_confidence=Decimal("0.85"), invasive=True)
    Species.objects.create(label_code="canis_lupus", common_name="Grey wolf", scientific_name="Canis lupus",
                           protected=True, active=False)


def det(camera, label, confidence, ts):
    return {"camera": camera, "label": label, "confidence": confidence, "captured_at": ts, "frame": "x.jpg"}


DETECTIONS = [
    det("HW-01", "vulpes_vulpes", 0.93, "2024-05-02T02:10:00Z"),
    det("HW-01", "vulpes_vulpes", 0.91, "2024-05-02T02:10:20Z"),
    det("HW-02", "vulpes_vulpes", 0.88, "2024-05-02T03:00:00Z"),
    det("HW-02", "vulpes_vulpes", 0.79, "2024-05-02T04:00:00Z"),
    det("HW-02", "lynx_lynx", 0.72, "2024-05-02T21:45:00Z"),
    det("HW-01", "lynx_lynx", 0.65, "2024-05-02T22:00:00Z"),
    det("DS-04", "procyon_lotor", 0.90, "2024-05-02T23:01:00Z"),
    det("DS-04", "canis_lupus", 0.99, "2024-05-02T23:30:00Z"),
]


def test_sightings_report_end_to_end(spark, lookups, tmp_path, capsys):
    source = tmp_path / "detections"
    source.mkdir()
    (source / "part-0000.json").write_text("\n".join(json.dumps(d) for d in DETECTIONS) + "\n")
    out = str(tmp_path / "sightings")

    call_command("sightings_report", "--date", "2024-05-02", "--input", str(source), "--output", out)

    from pyspark.sql import SparkSession

    session = SparkSession.getActiveSession() or spark
    rows = session.read.parquet(out).orderBy("reserve", "species").collect()
    assert [(r["day"], r["reserve"], r["species"], r["sightings"], r["cameras"], r["protected"], r["invasive"])
            for r in rows] == [
        (date(2024, 5, 2), "duerrenstein", "Raccoon", 1, 1, False, True),
        (date(2024, 5, 2), "hohe-wand", "Eurasian lynx", 1, 1, True, False),
        (date(2024, 5, 2), "hohe-wand", "Red fox", 2, 2, False, False),
    ]
    assert [m.to for m in mail.outbox] == [["hw@example.org"]]
    assert "Eurasian lynx" in mail.outbox[0].subject
    assert "3 rows, 1 ranger alerts" in capsys.readouterr().out
