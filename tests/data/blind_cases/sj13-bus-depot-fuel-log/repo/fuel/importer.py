"""Import of the nightly pump controller logs from the depot share.

Each controller writes ``PUMPLOG_<DEPOT>_<YYYYMMDD>.csv`` into ``incoming/``::

    timestamp;pump;fleet_no;litres;fuel;card;odometer
    2024-03-11 05:12:44;P01;4127;212.40;D;RFID-00812;388120

Imported files are moved to ``archive/<YYYY>/<MM>/``, files we cannot make
sense of (wrong header, unknown depot or pump, short lines) go to ``rejected/``
so the depot office can look at them.
"""
import hashlib
import logging
import os
import re
import shutil
import socket
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fleet.models import Bus, Depot, FuelType

from .models import FuelLogFile, FuelTransaction

logger = logging.getLogger(__name__)

HEADER = ["timestamp", "pump", "fleet_no", "litres", "fuel", "card", "odometer"]
FILE_NAME = re.compile(r"^PUMPLOG_(?P<depot>[A-Z0-9]+)_(?P<date>\d{8})\.csv$")
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
LOCK_NAME = ".import.lock"


class LogFormatError(Exception):
    """The file is not a pump log we can import; it goes to rejected/."""


@dataclass
class PumpRecord:
    dispensed_at: datetime
    pump_code: str
    fleet_number: str
    litres: Decimal
    fuel_type: str
    card_id: str
    odometer_km: int | None


@dataclass
class ImportResult:
    imported: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    transactions: int = 0

    def __str__(self):
        return (f"{len(self.imported)} imported ({self.transactions} transactions), "
                f"{len(self.duplicates)} already imported, {len(self.rejected)} rejected")


def parse_line(line, lineno):
    parts = [p.strip() for p in line.split(";")]
    if len(parts) != len(HEADER):
        raise LogFormatError(f"line {lineno}: expected {len(HEADER)} fields, got {len(parts)}")
    stamp, pump, fleet_no, litres, fuel, card, odometer = parts
    if fuel not in FuelType.values:
        raise LogFormatError(f"line {lineno}: unknown fuel code {fuel!r}")
    return PumpRecord(
        dispensed_at=timezone.make_aware(datetime.strptime(stamp, TIMESTAMP_FORMAT)),
        pump_code=pump,
        fleet_number=fleet_no,
        litres=Decimal(litres),
        fuel_type=fuel,
        card_id=card,
        odometer_km=int(odometer) if odometer else None,
    )


class PumpLogImporter:
    def __init__(self, root):
        self.root = Path(root)
        self.incoming_dir = self.root / "incoming"
        self.archive_dir = self.root / "archive"
        self.rejected_dir = self.root / "rejected"
        # Both depot servers run the scheduler; the lock in the share keeps them
        # (and a manual import_fuel_logs) from importing the same files at once.
        self.lock_path = self.incoming_dir / LOCK_NAME

    @classmethod
    def from_settings(cls):
        return cls(settings.FUEL_LOG_ROOT)

    # -- lock ---------------------------------------------------------------

    def _acquire_lock(self):
        self.incoming_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(self.lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w") as fh:
            fh.write(f"{socket.gethostname()} pid={os.getpid()} since={timezone.now().isoformat()}\n")
        return True

    def _release_lock(self):
        try:
            self.lock_path.unlink()
        except FileNotFoundError:
            logger.warning("lock file %s was already gone", self.lock_path)

    def lock_holder(self):
        try:
            return self.lock_path.read_text().strip()
        except FileNotFoundError:
            return ""

    # -- files --------------------------------------------------------------

    def pending_files(self):
        if not self.incoming_dir.is_dir():
            return []
        return sorted(p for p in self.incoming_dir.iterdir() if p.is_file() and FILE_NAME.match(p.name))

    def _move(self, path, target_dir):
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / path.name
        if target.exists():
            target = target_dir / f"{path.stem}.{timezone.now():%Y%m%d%H%M%S}{path.suffix}"
        shutil.move(str(path), str(target))
        return target

    def _archive_dir_for(self, log_file):
        return self.archive_dir / f"{log_file.log_date:%Y}" / f"{log_file.log_date:%m}"

    # -- import -------------------------------------------------------------

    def run(self):
        """Import everything waiting in incoming/. Returns None if another import holds the lock."""
        if not self._acquire_lock():
            logger.warning("fuel log import skipped: lock file %s exists (%s)", self.lock_path, self.lock_holder())
            return None
        result = ImportResult()
        for path in self.pending_files():
            try:
                log_file, created = self.import_file(path)
            except LogFormatError as exc:
                logger.error("rejected %s: %s", path.name, exc)
                self._move(path, self.rejected_dir)
                result.rejected.append(path.name)
                continue
            if created:
                result.imported.append(path.name)
                result.transactions += log_file.line_count
            else:
                logger.info("%s was already imported as %s, archiving it again", path.name, log_file.name)
                result.duplicates.append(path.name)
            self._move(path, self._archive_dir_for(log_file))
        self._release_lock()
        logger.info("fuel log import: %s", result)
        return result

    def import_file(self, path):
        """Import one log file in a single transaction. Returns (FuelLogFile, created)."""
        match = FILE_NAME.match(path.name)
        if not match:
            raise LogFormatError(f"unexpected file name {path.name}")
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        existing = FuelLogFile.objects.filter(sha256=digest).first()
        if existing is not None:
            return existing, False

        depot = Depot.objects.filter(code=match["depot"]).first()
        if depot is None:
            raise LogFormatError(f"unknown depot {match['depot']}")
        log_date = datetime.strptime(match["date"], "%Y%m%d").date()

        lines = raw.decode("utf-8-sig").splitlines()
        if not lines or [h.strip().lower() for h in lines[0].split(";")] != HEADER:
            raise LogFormatError("missing or unexpected header line")

        pumps = {p.code: p for p in depot.pumps.all()}
        buses = {b.fleet_number: b for b in Bus.objects.filter(active=True)}
        with transaction.atomic():
            log_file = FuelLogFile.objects.create(name=path.name, sha256=digest, depot=depot, log_date=log_date)
            rows = []
            for lineno, line in enumerate(lines[1:], start=2):
                if not line.strip():
                    continue
                record = parse_line(line, lineno)
                pump = pumps.get(record.pump_code)
                if pump is None:
                    raise LogFormatError(f"line {lineno}: unknown pump {record.pump_code} at {depot.code}")
                bus = buses.get(record.fleet_number)
                if bus is None:
                    log_file.unmatched_buses += 1
                rows.append(FuelTransaction(
                    log_file=log_file, pump=pump, bus=bus, fleet_number_raw=record.fleet_number,
                    dispensed_at=record.dispensed_at, litres=record.litres, fuel_type=record.fuel_type,
                    card_id=record.card_id, odometer_km=record.odometer_km,
                ))
            FuelTransaction.objects.bulk_create(rows)
            log_file.line_count = len(rows)
            log_file.save(update_fields=["line_count", "unmatched_buses"])
        if log_file.unmatched_buses:
            logger.warning("%s: %d lines with unknown fleet numbers", path.name, log_file.unmatched_buses)
        return log_file, True
