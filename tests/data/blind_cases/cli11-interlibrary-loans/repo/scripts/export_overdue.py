#!/usr/bin/env python
"""Write the overdue ILL items one member library has borrowed, as CSV.

The ILL coordinators attach this to the monthly statement they send to each
library:

    python scripts/export_overdue.py --library WPL -o WPL-overdue.csv
    python scripts/export_overdue.py --library WPL --as-of 2024-03-31
"""
import argparse
import csv
import os
import sys
from datetime import date
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

HEADER = ["ILL number", "Item Barcode", "Title", "Lender", "Patron", "Due Date", "Days Overdue", "Renewals"]


def overdue_rows(library, as_of):
    loans = (Loan.objects.filter(borrowing_library=library, status__in=Loan.OPEN_STATUSES,
                                 due_date__lt=as_of)
             .select_related("lending_library")
             .order_by("due_date", "ill_number"))
    for loan in loans:
        yield [
            loan.ill_number,
            loan.item_barcode,
            loan.title,
            loan.lending_library.code,
            loan.patron_ref,
            loan.due_date.isoformat(),
            (as_of - loan.due_date).days,
            loan.renewals,
        ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", required=True)
    parser.add_argument("--as-of", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    args = parser.parse_args(argv)

    try:
        library = Library.objects.get(code=args.library.strip().upper())
    except Library.DoesNotExist:
        print(f"error: unknown library code {args.library!r}", file=sys.stderr)
        return 2
    as_of = args.as_of or timezone.localdate()

    out = args.output.open("w", newline="") if args.output else sys.stdout
    try:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        count = 0
        for row in overdue_rows(library, as_of):
            writer.writerow(row)
            count += 1
    finally:
        if args.output:
            out.close()
    print(f"{library.code}: {count} overdue item(s) as of {as_of}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
