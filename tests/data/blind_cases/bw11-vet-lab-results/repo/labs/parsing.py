"""Turn a lab's result document into a :class:`LabReport`.

Both labs send the same normalised JSON (we pay for the integration partner's mapping), whether pushed to our
webhook or pulled from the feed:

    {"accession": "...", "status": "final", "reported_at": "2024-03-11T09:12:00-05:00",
     "account": "PPW01", "patient": {"id": "<PIMS id>", "name": "Biscuit"},
     "panel": {"code": "CHEM17", "name": "Chem 17"},
     "results": [{"code": "ALT", "name": "ALT", "value": "212", "unit": "U/L", "range": "10-125", "flag": "H"}]}
"""
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import Lab, ResultValue

FINAL_STATUSES = {"final", "corrected"}
KNOWN_STATUSES = FINAL_STATUSES | {"partial", "preliminary"}
VALID_FLAGS = {choice.value for choice in ResultValue.Flag}


class LabReportError(ValueError):
    """The report cannot be stored as it is (malformed, or refers to something we do not know)."""


@dataclass(frozen=True)
class ReportedValue:
    code: str
    name: str
    value: str
    unit: str = ""
    reference_range: str = ""
    flag: str = ""


@dataclass(frozen=True)
class LabReport:
    lab: str
    accession: str
    status: str
    reported_at: datetime
    clinic_code: str
    pims_id: str
    panel_code: str
    panel_name: str
    values: tuple

    @property
    def is_final(self):
        return self.status in FINAL_STATUSES


def _require(payload, key, where="report"):
    value = payload.get(key)
    if value in (None, ""):
        raise LabReportError(f"{where}: missing {key!r}")
    return value


def parse_report(lab, payload):
    if lab not in Lab.values:
        raise LabReportError(f"unknown lab {lab!r}")
    if not isinstance(payload, dict):
        raise LabReportError("report must be a JSON object")

    accession = str(_require(payload, "accession")).strip()
    status = str(_require(payload, "status")).lower()
    if status not in KNOWN_STATUSES:
        raise LabReportError(f"{accession}: unknown report status {status!r}")

    reported_at = parse_datetime(str(payload.get("reported_at") or ""))
    if reported_at is None:
        raise LabReportError(f"{accession}: bad or missing reported_at")
    if timezone.is_naive(reported_at):
        reported_at = timezone.make_aware(reported_at)

    patient = payload.get("patient") or {}
    panel = payload.get("panel") or {}
    values = []
    for i, row in enumerate(payload.get("results") or []):
        flag = str(row.get("flag") or "").upper()
        if flag == "N":
            flag = ""
        if flag not in VALID_FLAGS:
            raise LabReportError(f"{accession}: result {i}: unknown flag {flag!r}")
        values.append(ReportedValue(
            code=str(_require(row, "code", f"{accession} result {i}")),
            name=str(row.get("name") or row["code"]),
            value=str(_require(row, "value", f"{accession} result {i}")),
            unit=str(row.get("unit") or ""),
            reference_range=str(row.get("range") or ""),
            flag=flag,
        ))
    if status in FINAL_STATUSES and not values:
        raise LabReportError(f"{accession}: final report without results")

    return LabReport(
        lab=lab,
        accession=accession,
        status=status,
        reported_at=reported_at,
        clinic_code=str(payload.get("account") or ""),
        pims_id=str(patient.get("id") or ""),
        panel_code=str(_require(panel, "code", f"{accession} panel")),
        panel_name=str(panel.get("name") or ""),
        values=tuple(values),
    )
