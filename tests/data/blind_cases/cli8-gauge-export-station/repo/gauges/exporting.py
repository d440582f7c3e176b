"""Writers for readings exports (flood forecasting team ingests the CSV; the web map uses JSON)."""
import csv
import json

FIELDS = ["station", "taken_at", "stage_mm", "quality"]


def as_row(reading):
    return {
        "station": reading.station.code,
        "taken_at": reading.taken_at.isoformat(),
        "stage_mm": "" if reading.stage_mm is None else reading.stage_mm,
        "quality": reading.quality,
    }


def write_csv(readings, stream):
    writer = csv.DictWriter(stream, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for reading in readings:
        writer.writerow(as_row(reading))
        n += 1
    return n


def write_json(readings, stream):
    rows = [as_row(r) for r in readings]
    for row in rows:
        if row["stage_mm"] == "":
            row["stage_mm"] = None
    json.dump({"readings": rows}, stream, indent=1)
    stream.write("\n")
    return len(rows)


WRITERS = {"csv": write_csv, "json": write_json}
