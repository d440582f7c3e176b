"""Receiving collected units from a drive file (CSV export of the mobile collection app)."""
import csv
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from donors.models import Donor

from .models import Unit

COLUMNS = ("din", "donor_code", "abo", "rh", "component", "volume_ml", "collected_at")
DIN_RE = re.compile(r"^[A-Z]\d{4} \d{2} \d{6}$")
VOLUME_RANGE = {"RBC": (200, 400), "PLT": (150, 400), "FFP": (180, 320)}


class RowError(ValueError):
    pass


@dataclass
class UnitRecord:
    din: str
    donor_code: str
    abo: str
    rh: str
    component: str
    volume_ml: int
    collected_at: datetime


@dataclass
class IntakeReport:
    received: list = field(default_factory=list)
    quarantined: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    rejected: list = field(default_factory=list)  # (line number, message)


def read_drive_file(fh):
    """Yield (line number, row dict) for each data row; checks the header."""
    reader = csv.DictReader(fh)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise RowError(f"drive file is missing column(s): {', '.join(missing)}")
    for row in reader:
        yield reader.line_num, row


def parse_row(row):
    values = {k: (row.get(k) or "").strip() for k in COLUMNS}
    din = re.sub(r"\s+", " ", values["din"].upper())
    if not DIN_RE.match(din):
        raise RowError(f"bad DIN {values['din']!r}")
    if not values["donor_code"]:
        raise RowError("donor_code is empty")
    abo = values["abo"].upper()
    if abo not in ("O", "A", "B", "AB"):
        raise RowError(f"bad ABO group {values['abo']!r}")
    rh = {"POS": "+", "NEG": "-", "+": "+", "-": "-"}.get(values["rh"].upper())
    if rh is None:
        raise RowError(f"bad Rh {values['rh']!r}")
    component = values["component"].upper()
    if component not in VOLUME_RANGE:
        raise RowError(f"unknown component {values['component']!r}")
    try:
        volume = int(values["volume_ml"])
    except ValueError:
        raise RowError(f"bad volume {values['volume_ml']!r}") from None
    low, high = VOLUME_RANGE[component]
    if not low <= volume <= high:
        raise RowError(f"volume {volume} ml outside {low}-{high} for {component}")
    try:
        collected_at = datetime.fromisoformat(values["collected_at"])
    except ValueError:
        raise RowError(f"bad collected_at {values['collected_at']!r}") from None
    if timezone.is_naive(collected_at):
        collected_at = timezone.make_aware(collected_at)
    return UnitRecord(din, values["donor_code"].upper(), abo, rh, component, volume, collected_at)


def hold_reason(record, donor):
    """Why a freshly received unit must stay in quarantine beyond routine testing, or ''."""
    day = timezone.localdate(record.collected_at)
    deferral = donor.deferral_on(day)
    if deferral:
        return f"donor deferred on collection day ({deferral.reason})"
    if donor.abo and (donor.abo, donor.rh) != (record.abo, record.rh):
        return f"group {record.abo}{record.rh} differs from donor record {donor.blood_group}"
    return ""


def receive_units(rows, site, now=None):
    """Create a quarantined Unit for each row. Bad rows are rejected and reported, the rest go in."""
    now = now or timezone.now()
    report = IntakeReport()
    for line, row in rows:
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # blank line at the end of the export
        try:
            record = parse_row(row)
        except RowError as exc:
            report.rejected.append((line, str(exc)))
            continue
        if record.collected_at > now + timedelta(minutes=5):
            report.rejected.append((line, f"collected_at {record.collected_at:%Y-%m-%d %H:%M} is in the future"))
            continue
        if Unit.objects.filter(din=record.din).exists():
            report.duplicates.append(record.din)
            continue
        donor = Donor.objects.get(code=record.donor_code)
        reason = hold_reason(record, donor)
        shelf_life = settings.SHELF_LIFE_DAYS[record.component]
        unit = Unit.objects.create(
            din=record.din, donor=donor, site=site, component=record.component, abo=record.abo, rh=record.rh,
            volume_ml=record.volume_ml, collected_at=record.collected_at,
            expires_on=timezone.localdate(record.collected_at) + timedelta(days=shelf_life),
            status=Unit.Status.QUARANTINE, hold_reason=reason,
        )
        (report.quarantined if reason else report.received).append(unit.din)
    return report
