#!/usr/bin/env python
"""Write the list of plates with a valid permit in a zone (for the enforcement handhelds).

    python scripts/export_permit_roster.py --zone Z3 -o /srv/handhelds/z3.csv
"""
import argparse
import csv
import sys
from datetime import date

from _bootstrap import setup_django


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Export valid resident permits for a zone.")
    parser.add_argument("--zone", required=True)
    parser.add_argument("--on", type=date.fromisoformat, help="valid on this day (default: today)")
    parser.add_argument("-o", "--output", help="CSV file to write (default: stdout)")
    parser.add_argument("--settings", help="Django settings module (default: civicpark.settings)")
    return parser.parse_args(argv)


def roster_rows(zone_code, day):
    from permits.models import Permit

    permits = Permit.objects.filter(
        zone__code=zone_code.upper(), status=Permit.Status.ACTIVE, valid_from__lte=day, valid_until__gte=day,
    ).order_by("plate")
    for permit in permits:
        yield permit.plate.replace(" ", "").upper(), permit.number, permit.valid_until.isoformat()


def main(argv=None):
    args = parse_args(argv)
    setup_django(args.settings)
    from django.utils import timezone

    from meters.models import Zone

    if not Zone.objects.filter(code=args.zone.upper()).exists():
        print(f"error: unknown zone {args.zone!r}", file=sys.stderr)
        return 2
    day = args.on or timezone.localdate()
    out = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout
    try:
        writer = csv.writer(out)
        writer.writerow(["plate", "permit", "valid_until"])
        count = 0
        for row in roster_rows(args.zone, day):
            writer.writerow(row)
            count += 1
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"{count} permit(s) valid in {args.zone.upper()} on {day}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
