"""Reading the treasurer's tenancy spreadsheet (exported as CSV)."""
import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

REQUIRED_COLUMNS = ("plot", "member_no", "first_name", "last_name", "email", "phone", "fee")


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (wrong format, missing columns)."""


class RowError(ValueError):
    """One cell of a row cannot be understood."""


@dataclass(frozen=True)
class TenancyRow:
    line: int  # line number in the file, as the treasurer sees it in the spreadsheet
    plot: str
    member_no: str
    first_name: str
    last_name: str
    email: str
    phone: str
    fee: str

    @property
    def is_new_member(self):
        return not self.member_no


def parse_fee(raw):
    """Turn a fee cell into a Decimal: accepts '85.50', '85,50', '€ 85,50', '1.085,00' and '85'."""
    text = (raw or "").replace("€", "").replace("EUR", "").replace("\u00a0", "").replace(" ", "").strip()
    if not text:
        raise RowError("fee is empty")
    if "," in text:
        # German number format: '.' groups thousands, ',' is the decimal separator
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise RowError(f"fee {raw!r} is not a number") from None
    if not value.is_finite():
        raise RowError(f"fee {raw!r} is not a number")
    return value.quantize(Decimal("0.01"))


def parse_member_no(raw):
    text = (raw or "").strip()
    if not text:
        return None
    if text.startswith("#"):
        text = text[1:]
    if not text.isdigit():
        raise RowError(f"member number {raw!r} is not a number")
    return int(text)


def _dialect(sample):
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_rows(path):
    """Read all data rows of an exported tenancy list. Blank lines are skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError("file is not UTF-8; export it again as 'CSV UTF-8'") from exc
    lines = text.splitlines()
    if not lines:
        raise SpreadsheetError("file is empty")
    reader = csv.DictReader(lines, dialect=_dialect(lines[0]))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [col for col in REQUIRED_COLUMNS if col not in header]
    if missing:
        raise SpreadsheetError(f"missing column(s): {', '.join(missing)}")
    reader.fieldnames = header

    rows = []
    for line_no, record in enumerate(reader, start=2):
        values = {col: (record.get(col) or "").strip() for col in REQUIRED_COLUMNS}
        if not any(values.values()):
            continue
        rows.append(TenancyRow(line=line_no, **values))
    return rows
