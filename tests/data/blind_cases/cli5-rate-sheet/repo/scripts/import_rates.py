#!/usr/bin/env python
"""Import a rate sheet (CSV) for one property.

    python scripts/import_rates.py --property LIS1 sheets/lis1_2024_summer.csv
    python scripts/import_rates.py --property LIS1 sheets/lis1_2024_summer.csv --dry-run

Exit status: 0 imported, 1 the sheet was rejected, 2 bad arguments.
"""
import argparse
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def setup_django():
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def build_parser():
    parser = argparse.ArgumentParser(prog="import_rates.py", description="Load a rate sheet into ratedesk.")
    parser.add_argument("sheet", help="path to the CSV rate sheet")
    parser.add_argument("--property", required=True, help="property code, e.g. LIS1")
    parser.add_argument("--dry-run", action="store_true", help="check every line, write nothing")
    parser.add_argument("--quiet", action="store_true", help="print only errors")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)

    from properties.models import Property
    from rates.importers import RateSheetError, RateSheetImporter

    try:
        prop = Property.objects.get(code=args.property.upper(), active=True)
    except Property.DoesNotExist:
        print(f"error: unknown or inactive property {args.property!r}", file=sys.stderr)
        return 2
    sheet = Path(args.sheet)
    if not sheet.is_file():
        print(f"error: no such file: {sheet}", file=sys.stderr)
        return 2

    importer = RateSheetImporter(prop, source=sheet.name, dry_run=args.dry_run)
    try:
        with sheet.open(newline="", encoding="utf-8-sig") as fh:
            result = importer.run(fh)
    except RateSheetError as exc:
        print(f"error: {sheet.name} rejected, {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"{prop.code}: {result.summary()}")
    return 0


if __name__ == "__main__":
    setup_django()
    sys.exit(main())
