"""Parse telemetry drop files: station,timestamp,stage_mm[,flag]"""
import csv
from dataclasses import dataclass
from datetime import datetime, timezone as dt_timezone

from .models import Reading, Station


class DropError(ValueError):
    pass


@dataclass
class DropRow:
    station_code: str
    taken_at: datetime
    stage_mm: int | None
    quality: str


def parse_row(row, line_no):
    if len(row) < 3:
        raise DropError(f"line {line_no}: expected at least 3 columns")
    code, stamp, stage = (c.strip() for c in row[:3])
    try:
        taken_at = datetime.strptime(stamp, "%Y-%m-%dT%H:%MZ").replace(tzinfo=dt_timezone.utc)
    except ValueError:
        raise DropError(f"line {line_no}: bad timestamp {stamp!r}")
    if stage in ("", "-"):
        return DropRow(code.upper(), taken_at, None, Reading.Quality.MISSING)
    try:
        value = int(stage)
    except ValueError:
        raise DropError(f"line {line_no}: bad stage {stage!r}")
    flag = row[3].strip().upper() if len(row) > 3 else ""
    quality = Reading.Quality.SUSPECT if flag == "S" else Reading.Quality.GOOD
    return DropRow(code.upper(), taken_at, value, quality)


def load_drop(stream, skip_errors=False):
    """Return (created, updated, errors)."""
    stations = {s.code: s for s in Station.objects.all()}
    created = updated = 0
    errors = []
    for line_no, row in enumerate(csv.reader(stream), start=1):
        if not row or row[0].startswith("#"):
            continue
        try:
            parsed = parse_row(row, line_no)
            station = stations.get(parsed.station_code)
            if station is None:
                raise DropError(f"line {line_no}: unknown station {parsed.station_code}")
        except DropError as exc:
            if not skip_errors:
                raise
            errors.append(str(exc))
            continue
        _, was_created = Reading.objects.update_or_create(
            station=station, taken_at=parsed.taken_at,
            defaults={"stage_mm": parsed.stage_mm, "quality": parsed.quality},
        )
        created += was_created
        updated += not was_created
    return created, updated, errors
