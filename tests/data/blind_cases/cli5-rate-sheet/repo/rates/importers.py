"""Rate sheet import.

A rate sheet is a CSV prepared by the revenue manager, one line per room type and night:

    room_type,night,amount,min_stay,closed
    DBL,2024-07-01,118.00,2,
    DORM6,2024-07-01,31.50,,no

``min_stay`` and ``closed`` are optional; empty means "1" and "open". Lines are applied in file order and every
created or changed rate gets a ``RateChange`` audit row under one ``RateImportBatch``.
"""
import csv
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import timezone

from .models import NightlyRate, RateChange, RateImportBatch

REQUIRED_COLUMNS = ("room_type", "night", "amount")
TRUE_VALUES = {"1", "y", "yes", "true", "x", "closed"}
FALSE_VALUES = {"", "0", "n", "no", "false", "open"}


class RateSheetError(Exception):
    """A line of the sheet cannot be imported."""

    def __init__(self, line, message):
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class RateRow:
    line: int
    room_type: object
    night: date
    amount: Decimal
    min_stay: int = 1
    closed: bool = False


@dataclass
class ImportResult:
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    nights: set = field(default_factory=set)
    batch_id: int = None

    def summary(self):
        prefix = "[dry run] " if self.dry_run else ""
        span = ""
        if self.nights:
            span = f" for {min(self.nights):%Y-%m-%d}..{max(self.nights):%Y-%m-%d}"
        if self.dry_run:
            return f"{prefix}{self.rows} line(s) valid{span}, nothing written"
        return (f"{prefix}{self.rows} line(s){span}: {self.created} new rate(s), "
                f"{self.changed} changed, {self.unchanged} unchanged")


def _parse_bool(value, line, column):
    value = (value or "").strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise RateSheetError(line, f"{column} must be yes/no, got {value!r}")


class RateSheetImporter:
    def __init__(self, property, *, source="", dry_run=False):
        self.property = property
        self.source = source
        self.dry_run = dry_run
        self.audit_batch_size = settings.RATEDESK["AUDIT_BATCH_SIZE"]
        self.room_types = {rt.code.upper(): rt for rt in property.room_types.filter(active=True)}

    # -- parsing ---------------------------------------------------------------------------------------------

    def rows(self, fh):
        reader = csv.DictReader(fh)
        columns = [c.strip().lower() for c in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise RateSheetError(1, f"missing column(s): {', '.join(missing)}")
        reader.fieldnames = columns
        for line, raw in enumerate(reader, start=2):
            if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
                continue
            yield self.parse_row(line, raw)

    def parse_row(self, line, raw):
        code = (raw.get("room_type") or "").strip().upper()
        room_type = self.room_types.get(code)
        if room_type is None:
            raise RateSheetError(line, f"unknown room type {code!r} for {self.property.code}")
        try:
            night = date.fromisoformat((raw.get("night") or "").strip())
        except ValueError:
            raise RateSheetError(line, f"night must be YYYY-MM-DD, got {raw.get('night')!r}") from None
        try:
            amount = Decimal((raw.get("amount") or "").strip()).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise RateSheetError(line, f"amount is not a number: {raw.get('amount')!r}") from None
        if not room_type.accepts(amount):
            raise RateSheetError(
                line, f"{code} {night}: {amount} is outside {room_type.rate_floor}..{room_type.rate_ceiling}"
            )
        min_stay_raw = (raw.get("min_stay") or "").strip()
        if min_stay_raw and not min_stay_raw.isdigit():
            raise RateSheetError(line, f"min_stay must be a whole number, got {min_stay_raw!r}")
        min_stay = int(min_stay_raw) if min_stay_raw else 1
        if not 1 <= min_stay <= 30:
            raise RateSheetError(line, f"min_stay must be between 1 and 30, got {min_stay}")
        closed = _parse_bool(raw.get("closed"), line, "closed")
        return RateRow(line=line, room_type=room_type, night=night, amount=amount, min_stay=min_stay, closed=closed)

    # -- applying --------------------------------------------------------------------------------------------

    def run(self, fh):
        result = ImportResult(dry_run=self.dry_run)
        if self.dry_run:
            for row in self.rows(fh):
                result.rows += 1
                result.nights.add(row.night)
            return result

        batch = RateImportBatch.objects.create(property=self.property, source=self.source[:255])
        result.batch_id = batch.pk
        pending = []
        for row in self.rows(fh):
            result.rows += 1
            result.nights.add(row.night)
            change = self.apply_row(batch, row, result)
            if change is not None:
                pending.append(change)
            if len(pending) >= self.audit_batch_size:
                RateChange.objects.bulk_create(pending)
                pending = []
        RateChange.objects.bulk_create(pending)

        batch.status = RateImportBatch.Status.DONE
        batch.finished_at = timezone.now()
        batch.rows, batch.created, batch.changed = result.rows, result.created, result.changed
        batch.save(update_fields=["status", "finished_at", "rows", "created", "changed"])
        return result

    def apply_row(self, batch, row, result):
        previous = (
            NightlyRate.objects.filter(room_type=row.room_type, night=row.night)
            .values("amount", "min_stay", "closed")
            .first()
        )
        if previous and (previous["amount"], previous["min_stay"], previous["closed"]) == (
            row.amount, row.min_stay, row.closed
        ):
            result.unchanged += 1
            return None
        rate, created = NightlyRate.objects.update_or_create(
            room_type=row.room_type,
            night=row.night,
            defaults={"amount": row.amount, "min_stay": row.min_stay, "closed": row.closed},
        )
        if created:
            result.created += 1
        else:
            result.changed += 1
        return RateChange(
            batch=batch,
            rate=rate,
            old_amount=previous["amount"] if previous else None,
            new_amount=row.amount,
            old_min_stay=previous["min_stay"] if previous else None,
            new_min_stay=row.min_stay,
        )


def import_sheet(property, fh, *, source="", dry_run=False):
    return RateSheetImporter(property, source=source, dry_run=dry_run).run(fh)
