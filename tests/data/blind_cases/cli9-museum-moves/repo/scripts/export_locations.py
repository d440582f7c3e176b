#!/usr/bin/env python
"""Export where objects are, as CSV, for one location or a whole building.

    python scripts/export_locations.py --building "North Store" -o north-store.csv
    python scripts/export_locations.py --location ST-B2-04 -o -

Used for the insurers' annual schedule and for printing shelf lists before an audit.
"""
import argparse
import csv
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
COLUMNS = ["accession_number", "title", "department", "location", "building", "status"]


def setup_django():
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def build_parser():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--location", help="one location code")
    where.add_argument("--building", help="every location in this building")
    parser.add_argument("-o", "--output", default="-", help="CSV file to write, or - for stdout (default)")
    parser.add_argument("--include-deaccessioned", action="store_true")
    return parser


def write_csv(objects, fh):
    writer = csv.writer(fh)
    writer.writerow(COLUMNS)
    n = 0
    for obj in objects.iterator(chunk_size=500):
        loc = obj.location
        writer.writerow([obj.accession_number, obj.title, obj.department, loc.code if loc else "",
                         loc.building if loc else "", obj.status])
        n += 1
    return n


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_django()

    from django.db import connections

    from collection.models import CollectionObject, Location

    try:
        objects = CollectionObject.objects.select_related("location").order_by("location__code", "accession_number")
        if not args.include_deaccessioned:
            objects = objects.exclude(status=CollectionObject.Status.DEACCESSIONED)
        if args.location:
            code = args.location.strip().upper()
            if not Location.objects.filter(code=code).exists():
                parser.error(f"unknown location {args.location!r}")
            objects = objects.filter(location__code=code)
        else:
            if not Location.objects.filter(building__iexact=args.building.strip()).exists():
                parser.error(f"no locations in building {args.building!r}")
            objects = objects.filter(location__building__iexact=args.building.strip())

        if args.output == "-":
            n = write_csv(objects, sys.stdout)
        else:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                n = write_csv(objects, fh)
        print(f"exported {n} object(s)", file=sys.stderr)
    finally:
        connections.close_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
