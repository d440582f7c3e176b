"""Import of the nightly MLS export (one CSV per night, dropped by the board's sync).

The board's sync writes into ``<MLS_DROP_DIR>/incoming``. Each file is imported
in one transaction, then moved to ``processed/`` or, when it could not be
imported, to ``failed/`` so the next night does not trip over it again.
"""
import csv
import logging
import shutil
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from .models import Agent, Listing
from .services import default_expiry

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = {
    "ListingId", "AgentLicense", "Status", "PropertyType", "Street", "City", "State", "PostalCode",
    "ListPrice", "ListDate",
}
STATUS_MAP = {
    "Active": Listing.Status.ACTIVE,
    "Active Under Contract": Listing.Status.PENDING,
    "Pending": Listing.Status.PENDING,
    "Closed": Listing.Status.SOLD,
    "Withdrawn": Listing.Status.WITHDRAWN,
    "Expired": Listing.Status.EXPIRED,
    "Coming Soon": Listing.Status.DRAFT,
}
TYPE_MAP = {
    "Single Family": Listing.PropertyType.HOUSE,
    "Condominium": Listing.PropertyType.CONDO,
    "Townhouse": Listing.PropertyType.TOWNHOUSE,
    "Multi Family": Listing.PropertyType.MULTI_FAMILY,
    "Land": Listing.PropertyType.LAND,
}


class ImportFileError(Exception):
    """The file as a whole cannot be imported (wrong columns, not UTF-8...)."""


@dataclass
class ImportResult:
    path: Path
    created: int = 0
    updated: int = 0
    skipped: list = field(default_factory=list)

    def __str__(self):
        return f"{self.path.name}: {self.created} created, {self.updated} updated, {len(self.skipped)} skipped"


def _decimal(value, default=None):
    value = (value or "").strip().replace(",", "")
    if not value:
        return default
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}")


def _int(value):
    number = _decimal(value)
    return int(number) if number is not None else None


class MlsCsvImporter:
    def __init__(self, drop_dir):
        self.drop_dir = Path(drop_dir)
        self.incoming = self.drop_dir / "incoming"
        self.processed = self.drop_dir / "processed"
        self.failed = self.drop_dir / "failed"

    def pending_files(self):
        if not self.incoming.is_dir():
            return []
        return sorted(p for p in self.incoming.iterdir() if p.suffix.lower() == ".csv")

    def import_all(self):
        results = []
        for path in self.pending_files():
            try:
                result = self.import_file(path)
            except ImportFileError as exc:
                logger.error("MLS file %s rejected: %s", path.name, exc)
                self._move(path, self.failed)
                continue
            self._move(path, self.processed)
            results.append(result)
        return results

    def import_file(self, path):
        result = ImportResult(path=path)
        agents = {a.license_number: a for a in Agent.objects.all()}
        try:
            with open(path, newline="", encoding="utf-8-sig") as fh:
                reader = csv.DictReader(fh)
                missing = REQUIRED_COLUMNS - set(reader.fieldnames or ())
                if missing:
                    raise ImportFileError(f"missing columns: {', '.join(sorted(missing))}")
                with transaction.atomic():
                    for line_no, row in enumerate(reader, start=2):
                        self._import_row(row, line_no, agents, result)
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"not UTF-8: {exc}") from exc
        logger.info("MLS import %s", result)
        return result

    def _import_row(self, row, line_no, agents, result):
        mls_number = (row.get("ListingId") or "").strip()
        agent = agents.get((row.get("AgentLicense") or "").strip())
        status = STATUS_MAP.get((row.get("Status") or "").strip())
        if not mls_number or agent is None or status is None:
            result.skipped.append((line_no, "unknown listing id, agent or status"))
            return
        try:
            listed_on = date.fromisoformat(row["ListDate"].strip())
            values = {
                "agent": agent,
                "status": status,
                "property_type": TYPE_MAP.get(row["PropertyType"].strip(), Listing.PropertyType.HOUSE),
                "street": row["Street"].strip(),
                "unit": (row.get("Unit") or "").strip(),
                "city": row["City"].strip(),
                "state": row["State"].strip().upper()[:2],
                "postal_code": row["PostalCode"].strip(),
                "price": _decimal(row["ListPrice"]),
                "bedrooms": _int(row.get("Bedrooms")) or 0,
                "bathrooms": _decimal(row.get("Bathrooms"), Decimal("0")),
                "living_area_sqft": _int(row.get("LivingArea")),
                "lot_size_sqft": _int(row.get("LotSize")),
                "year_built": _int(row.get("YearBuilt")),
                "description": (row.get("PublicRemarks") or "").strip(),
                "listed_on": listed_on,
            }
        except (KeyError, ValueError) as exc:
            result.skipped.append((line_no, str(exc)))
            return
        if values["price"] is None:
            result.skipped.append((line_no, "no list price"))
            return
        expires = (row.get("ExpirationDate") or "").strip()
        values["expires_on"] = date.fromisoformat(expires) if expires else default_expiry(listed_on)
        _, created = Listing.objects.update_or_create(mls_number=mls_number, defaults=values)
        if created:
            result.created += 1
        else:
            result.updated += 1

    def _move(self, path, target_dir):
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / path.name
        if target.exists():
            target = target_dir / f"{path.stem}.{int(path.stat().st_mtime)}{path.suffix}"
        shutil.move(str(path), str(target))
        return target
