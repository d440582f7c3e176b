#!/usr/bin/env python
"""Import a partner library's interlibrary-loan returns file.

Member libraries export the ILL items their patrons brought back from their own
ILS (circulation report "ILL returns", CSV) and drop the file on the consortium
SFTP box. Cron runs this script once per file:

    python scripts/import_returns.py /srv/ill/inbox/WPL-2024-03-18.csv --library WPL

Columns read (header names as the ILS exports them, case-insensitive; other
columns are ignored):

    Item Barcode   the lending library's item barcode
    Return Date    YYYY-MM-DD or MM/DD/YYYY
    Condition      optional: blank/OK, DMG/Damaged, Parts/Incomplete

Exit status: 0 when every row was applied, 1 when some rows were rejected (they
are listed in the summary and the cron wrapper moves the file to review/), 2 on
usage errors (missing file, unknown library code, missing columns).
"""
import argparse
import csv
import logging
import os
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from libraries.models import Library  # noqa: E402
from loans.models import Loan  # noqa: E402
from loans.services import LoanError, find_open_loan, record_return  # noqa: E402

logger = logging.getLogger("scripts.import_returns")

BARCODE_HEADERS = ("item barcode", "barcode", "item_barcode")
DATE_HEADERS = ("return date", "returned", "checkin date", "return_date")
CONDITION_HEADERS = ("condition", "item condition")
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")

CONDITIONS = {
    "": Loan.Condition.GOOD,
    "ok": Loan.Condition.GOOD,
    "good": Loan.Condition.GOOD,
    "dmg": Loan.Condition.DAMAGED,
    "damaged": Loan.Condition.DAMAGED,
    "parts": Loan.Condition.MISSING_PARTS,
    "incomplete": Loan.Condition.MISSING_PARTS,
    "missing parts": Loan.Condition.MISSING_PARTS,
}


class RowError(Exception):
    """A row that cannot be applied; it is reported and the import goes on."""


class FileFormatError(Exception):
    """The file as a whole cannot be read (wrong export, missing columns)."""


@dataclass
class ImportSummary:
    returned: int = 0
    damaged: int = 0
    blank: int = 0
    rejected: list = field(default_factory=list)  # (line number, reason)

    @property
    def rows(self):
        return self.returned + self.blank + len(self.rejected)


def parse_return_date(value, today=None):
    value = (value or "").strip()
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if parsed > (today or timezone.localdate()):
            raise RowError(f"return date {value!r} is in the future")
        return parsed
    raise RowError(f"bad return date {value!r}")


def parse_condition(value):
    try:
        return CONDITIONS[(value or "").strip().lower()]
    except KeyError:
        raise RowError(f"unknown condition {value!r}")


def resolve_columns(fieldnames):
    by_name = {name.strip().lower(): name for name in fieldnames or []}

    def pick(candidates, required=True):
        for candidate in candidates:
            if candidate in by_name:
                return by_name[candidate]
        if required:
            raise FileFormatError(f"no {candidates[0]!r} column (found: {', '.join(by_name) or 'none'})")
        return None

    return {
        "barcode": pick(BARCODE_HEADERS),
        "date": pick(DATE_HEADERS),
        "condition": pick(CONDITION_HEADERS, required=False),
    }


def _process_row(row, columns, library, source, dry_run=False):
    """Apply one CSV row. Returns the condition recorded, or None for a blank row."""
    barcode = (row.get(columns["barcode"]) or "").strip()
    if not barcode:
        return None
    returned_on = parse_return_date(row.get(columns["date"]))
    condition = parse_condition(row.get(columns["condition"]) if columns["condition"] else "")

    loan = find_open_loan(barcode, borrowing_library=library)
    if dry_run:
        return condition
    returned_at = timezone.make_aware(datetime.combine(returned_on, time(hour=12)))
    try:
        record_return(loan, returned_at, condition, source=source)
    except LoanError as exc:
        raise RowError(str(exc))
    return condition


def import_returns(fh, library, source="", dry_run=False):
    """Read a returns CSV from an open file and close the matching loans."""
    reader = csv.DictReader(fh)
    columns = resolve_columns(reader.fieldnames)
    summary = ImportSummary()
    for row in reader:
        try:
            condition = _process_row(row, columns, library, source, dry_run=dry_run)
        except RowError as exc:
            summary.rejected.append((reader.line_num, str(exc)))
            continue
        if condition is None:
            summary.blank += 1
            continue
        summary.returned += 1
        if condition != Loan.Condition.GOOD:
            summary.damaged += 1
    return summary


def print_summary(summary, library, path, dry_run=False, out=None):
    out = out or sys.stdout
    verb = "would be returned" if dry_run else "returned"
    print(f"{path.name} ({library.code}): {summary.rows} rows", file=out)
    print(f"  {verb}: {summary.returned} ({summary.damaged} not in good condition)", file=out)
    print(f"  blank rows skipped: {summary.blank}", file=out)
    print(f"  rejected: {len(summary.rejected)}", file=out)
    for line, reason in summary.rejected:
        print(f"    line {line}: {reason}", file=out)


def build_parser():
    parser = argparse.ArgumentParser(description="Import a partner library's ILL returns CSV.")
    parser.add_argument("csv_file", type=Path, help="returns file exported from the partner's ILS")
    parser.add_argument("--library", required=True, help="code of the library that sent the file (e.g. WPL)")
    parser.add_argument("--dry-run", action="store_true", help="check the file without closing any loan")
    parser.add_argument("--encoding", default="utf-8-sig", help="file encoding (default: %(default)s)")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        library = Library.objects.get(code=args.library.strip().upper())
    except Library.DoesNotExist:
        print(f"error: unknown library code {args.library!r}", file=sys.stderr)
        return 2
    if not args.csv_file.is_file():
        print(f"error: {args.csv_file} not found", file=sys.stderr)
        return 2

    source = f"import:{library.code}:{args.csv_file.name}"
    logger.info("importing %s for %s%s", args.csv_file, library.code, " (dry run)" if args.dry_run else "")
    with args.csv_file.open(newline="", encoding=args.encoding) as fh:
        try:
            summary = import_returns(fh, library, source=source, dry_run=args.dry_run)
        except FileFormatError as exc:
            print(f"error: {args.csv_file.name}: {exc}", file=sys.stderr)
            return 2
    print_summary(summary, library, args.csv_file, dry_run=args.dry_run)
    logger.info("%s: %d returned, %d rejected", args.csv_file.name, summary.returned, len(summary.rejected))
    return 1 if summary.rejected else 0


if __name__ == "__main__":
    sys.exit(main())
