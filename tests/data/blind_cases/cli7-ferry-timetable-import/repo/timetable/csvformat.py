"""Reading the timetable CSV exported from the planning spreadsheet.

Expected columns (header row required, extra columns are ignored):

    route,date,depart,vessel,notes

``date`` is ``YYYY-MM-DD``, ``depart`` is local time ``HH:MM``, ``vessel`` may be
empty (vessel not assigned yet), ``notes`` is optional.
"""
import csv
from dataclasses import dataclass
from datetime import date, datetime, time

REQUIRED_COLUMNS = ("route", "date", "depart", "vessel")


class TimetableFormatError(ValueError):
    """The file itself is unusable (missing columns, empty file)."""


@dataclass(frozen=True)
class TimetableRow:
    line: int
    route: str
    day: date | None
    depart: time | None
    vessel: str
    notes: str
    raw_date: str = ""
    raw_depart: str = ""


def _parse_date(value):
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        return None


def _parse_time(value):
    value = value.strip()
    for fmt in ("%H:%M", "%H%M", "%H.%M"):
        try:
            return datetime.strptime(value, fmt).time()
        except ValueError:
            continue
    return None


def read_timetable_csv(fh):
    """Return a list of TimetableRow.

    Only the file structure is checked here; the values (unknown route, date
    outside the season, ...) are checked by the import service, which knows
    the reference data. Unparseable dates/times are passed on as None so the
    service can report them with their line number.
    """
    reader = csv.DictReader(fh)
    if reader.fieldnames is None:
        raise TimetableFormatError("the file is empty")
    header = [name.strip().lower() for name in reader.fieldnames]
    missing = [col for col in REQUIRED_COLUMNS if col not in header]
    if missing:
        raise TimetableFormatError(f"missing column(s): {', '.join(missing)}")
    reader.fieldnames = header

    rows = []
    for record in reader:
        if not any((v or "").strip() for v in record.values()):
            continue  # blank line at the end of the export
        rows.append(TimetableRow(
            line=reader.line_num,
            route=(record.get("route") or "").strip().upper(),
            day=_parse_date(record.get("date") or ""),
            depart=_parse_time(record.get("depart") or ""),
            vessel=(record.get("vessel") or "").strip(),
            notes=(record.get("notes") or "").strip(),
            raw_date=(record.get("date") or "").strip(),
            raw_depart=(record.get("depart") or "").strip(),
        ))
    if not rows:
        raise TimetableFormatError("the file has a header but no sailings")
    return rows
