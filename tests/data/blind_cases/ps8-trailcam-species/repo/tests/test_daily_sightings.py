from datetime import date
from types import SimpleNamespace

from analytics.jobs import daily_sightings

SPECIES = {
    "lynx_lynx": SimpleNamespace(common_name="Eurasian lynx", min_confidence=0.7, protected=True, invasive=False),
    "vulpes_vulpes": SimpleNamespace(common_name="Red fox", min_confidence=0.8, protected=False, invasive=False),
    "procyon_lotor": SimpleNamespace(common_name="Raccoon", min_confidence=0.85, protected=False, invasive=True),
}
CAMERAS = {"HW-01": "hohe-wand", "HW-02": "hohe-wand", "DS-04": "duerrenstein"}


def det(camera, label, confidence, ts):
    return {"camera": camera, "label": label, "confidence": confidence, "captured_at": ts, "frame": "f.jpg"}


def test_daily_summary_thresholds_and_bursts(spark, write_jsonl, tmp_path):
    source = write_jsonl("detections", [
        det("HW-01", "vulpes_vulpes", 0.93, "2024-05-02T02:10:00Z"),
        det("HW-01", "vulpes_vulpes", 0.91, "2024-05-02T02:10:20Z"),   # same burst
        det("HW-01", "vulpes_vulpes", 0.95, "2024-05-02T04:00:00Z"),
        det("HW-02", "vulpes_vulpes", 0.60, "2024-05-02T05:00:00Z"),   # below the fox threshold
        det("HW-02", "lynx_lynx", 0.72, "2024-05-02T21:45:00Z"),
        det("DS-04", "procyon_lotor", 0.90, "2024-05-02T23:01:00Z"),
        det("XX-99", "vulpes_vulpes", 0.99, "2024-05-02T01:00:00Z"),   # unknown camera
        det("HW-01", "homo_sapiens", 0.99, "2024-05-02T12:00:00Z"),    # not a monitored species
    ])
    species_bc = spark.sparkContext.broadcast(SPECIES)
    cameras_bc = spark.sparkContext.broadcast(CAMERAS)

    rows = daily_sightings.run(spark, species_bc, cameras_bc, source, str(tmp_path / "out"))

    got = [(r["day"], r["reserve"], r["species"], r["sightings"], r["cameras"], r["protected"], r["invasive"])
           for r in rows]
    assert got == [
        (date(2024, 5, 2), "duerrenstein", "Raccoon", 1, 1, False, True),
        (date(2024, 5, 2), "hohe-wand", "Eurasian lynx", 1, 1, True, False),
        (date(2024, 5, 2), "hohe-wand", "Red fox", 2, 1, False, False),
    ]


def test_empty_day(spark, write_jsonl, tmp_path):
    source = write_jsonl("detections", [det("HW-01", "homo_sapiens", 0.99, "2024-05-03T12:00:00Z")])
    rows = daily_sightings.run(spark, spark.sparkContext.broadcast(SPECIES),
                               spark.sparkContext.broadcast(CAMERAS), source, str(tmp_path / "out"))
    assert rows == []
