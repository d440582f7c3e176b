"""Import of the booking office's session export.

The export is a CSV with one row per booked session::

    booking_ref,rink,sheet,kind,title,start,end,status
    B-10421,northgate,A,hockey,Wolves U13 practice,2024-11-15 17:00,2024-11-15 18:00,confirmed

Times are local (arena time). ``end`` is empty for rentals whose length the office
has not confirmed yet; ``status`` is ``confirmed`` or ``cancelled``.
"""
import csv
import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rinks.models import IceSession, Sheet

from .models import FeedImport

logger = logging.getLogger(__name__)

KINDS = {
    "public": IceSession.Kind.PUBLIC,
    "hockey": IceSession.Kind.HOCKEY,
    "figure": IceSession.Kind.FIGURE,
    "learn": IceSession.Kind.LEARN,
    "lts": IceSession.Kind.LEARN,
    "rental": IceSession.Kind.RENTAL,
}


class FeedError(ValueError):
    pass


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)


def _local(value):
    value = (value or "").strip()
    if not value:
        return None
    try:
        naive = datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError:
        raise FeedError(f"bad time {value!r}")
    return timezone.make_aware(naive)


def parse_row(row, sheets):
    ref = (row.get("booking_ref") or "").strip()
    if not ref:
        raise FeedError("missing booking_ref")
    sheet = sheets.get(((row.get("rink") or "").strip(), (row.get("sheet") or "").strip()))
    if sheet is None:
        raise FeedError(f"{ref}: unknown sheet {row.get('rink')}/{row.get('sheet')}")
    kind = KINDS.get((row.get("kind") or "").strip().lower())
    if kind is None:
        raise FeedError(f"{ref}: unknown kind {row.get('kind')!r}")
    starts_at = _local(row.get("start"))
    if starts_at is None:
        raise FeedError(f"{ref}: missing start")
    return ref, {
        "sheet": sheet,
        "kind": kind,
        "title": (row.get("title") or "").strip()[:120],
        "starts_at": starts_at,
        "ends_at": _local(row.get("end")),
        "cancelled": (row.get("status") or "").strip().lower() == "cancelled",
    }


def import_rows(rows):
    sheets = {(s.rink.slug, s.code): s for s in Sheet.objects.select_related("rink")}
    result = ImportResult()
    for line_no, row in enumerate(rows, start=2):
        try:
            ref, values = parse_row(row, sheets)
        except FeedError as exc:
            result.errors.append(f"line {line_no}: {exc}")
            continue
        _, created = IceSession.objects.update_or_create(external_ref=ref, defaults=values)
        if created:
            result.created += 1
        else:
            result.updated += 1
    return result


def import_file(path):
    """Import the export at ``path``; an export identical to the last one is skipped."""
    with open(path, "rb") as fh:
        raw = fh.read()
    checksum = hashlib.sha256(raw).hexdigest()
    last = FeedImport.objects.filter(source=str(path)).first()
    if last is not None and last.checksum == checksum:
        return None
    started = timezone.now()
    rows = csv.DictReader(raw.decode("utf-8-sig").splitlines())
    with transaction.atomic():
        result = import_rows(rows)
        FeedImport.objects.create(source=str(path), checksum=checksum, started_at=started,
                                  created=result.created, updated=result.updated,
                                  errors="\n".join(result.errors))
    for error in result.errors:
        logger.warning("booking feed %s: %s", path, error)
    return result
