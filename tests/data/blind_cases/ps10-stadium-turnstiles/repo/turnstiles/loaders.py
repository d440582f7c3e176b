"""Load the Spark jobs' CSV exports into the Django tables.

An export is a folder written by Spark: one or more ``part-*.csv`` files, each with its own header row, plus
``_SUCCESS``. Rows whose match or gate is unknown to Django are skipped and counted, never guessed.
"""
import csv
import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.db import transaction

from .models import Gate, GateFlowMinute, Match, MatchAttendance, TurnstileFaultCount

log = logging.getLogger(__name__)

BATCH_SIZE = 2000


class ExportNotFound(Exception):
    pass


@dataclass(frozen=True)
class LoadResult:
    loaded: int
    skipped: int


def export_parts(path):
    folder = Path(path)
    if not (folder / "_SUCCESS").exists():
        raise ExportNotFound(f"{folder} is not a finished export (no _SUCCESS marker)")
    return sorted(folder.glob("part-*.csv"))


def iter_export_rows(path):
    for part in export_parts(path):
        with part.open(newline="", encoding="utf-8") as fh:
            yield from csv.DictReader(fh)


def parse_timestamp(value):
    if not value:
        return None
    return datetime.fromisoformat(value)


def _lookups():
    return Match.objects.in_bulk(field_name="code"), Gate.objects.in_bulk(field_name="code")


def load_gate_flow(path):
    matches, gates = _lookups()
    rows, skipped = [], 0
    for rec in iter_export_rows(path):
        match, gate = matches.get(rec["match_code"]), gates.get(rec["gate_code"])
        if match is None or gate is None:
            skipped += 1
            continue
        rows.append(
            GateFlowMinute(
                match=match,
                gate=gate,
                minute=parse_timestamp(rec["minute"]),
                admitted=int(rec["admitted"]),
                rejected=int(rec["rejected"]),
                reentries=int(rec["reentries"]),
            )
        )
    with transaction.atomic():
        GateFlowMinute.objects.bulk_create(
            rows,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["match", "gate", "minute"],
            update_fields=["admitted", "rejected", "reentries"],
        )
    if skipped:
        log.warning("gate flow %s: skipped %d rows for unknown matches or gates", path, skipped)
    return LoadResult(loaded=len(rows), skipped=skipped)


def load_match_attendance(path):
    matches, gates = _lookups()
    loaded = skipped = 0
    with transaction.atomic():
        for rec in iter_export_rows(path):
            match = matches.get(rec["match_code"])
            if match is None:
                skipped += 1
                continue
            MatchAttendance.objects.update_or_create(
                match=match,
                defaults={
                    "admitted": int(rec["admitted"]),
                    "unique_tickets": int(rec["unique_tickets"]),
                    "rejected": int(rec["rejected"]),
                    "reentries": int(rec["reentries"]),
                    "first_admit_at": parse_timestamp(rec["first_admit_at"]),
                    "last_admit_at": parse_timestamp(rec["last_admit_at"]),
                    "busiest_gate": gates.get(rec["busiest_gate_code"]),
                    "busiest_gate_admitted": int(rec["busiest_gate_admitted"] or 0),
                },
            )
            loaded += 1
    return LoadResult(loaded=loaded, skipped=skipped)


def load_fault_counts(path):
    gates = Gate.objects.in_bulk(field_name="code")
    rows, skipped = [], 0
    for rec in iter_export_rows(path):
        gate = gates.get(rec["gate_code"])
        if gate is None:
            skipped += 1
            continue
        rows.append(
            TurnstileFaultCount(
                day=date.fromisoformat(rec["day"]),
                gate=gate,
                lane=int(rec["lane"]),
                fault_code=rec["fault_code"],
                count=int(rec["count"]),
            )
        )
    with transaction.atomic():
        TurnstileFaultCount.objects.bulk_create(
            rows,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["day", "gate", "lane", "fault_code"],
            update_fields=["count"],
        )
    return LoadResult(loaded=len(rows), skipped=skipped)
