#!/usr/bin/env python
"""Import the counting room's nightly collections CSV.

    python scripts/import_collections.py /srv/counting-room/outgoing/collections-2024-04-08.csv
    python scripts/import_collections.py FILE --dry-run

Exit status: 0 when every line was imported (or was already imported), 1 when
some lines had errors (they are listed), 2 for an unreadable file.
"""
import argparse
import sys

from _bootstrap import setup_django


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Import counting-room collection totals.")
    parser.add_argument("csv_file", help="counting room CSV (meter,collected_on,canister,coins,card)")
    parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")
    parser.add_argument("--settings", help="Django settings module (default: civicpark.settings)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    from meters.collections import CollectionImporter

    setup_django(args.settings)
    importer = CollectionImporter(dry_run=args.dry_run)
    try:
        with open(args.csv_file, newline="", encoding="utf-8-sig") as fh:
            result = importer.import_file(fh)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    for error in result.errors:
        print(error, file=sys.stderr)
    verb = "would import" if args.dry_run else "imported"
    print(f"{verb} {result.created} collection(s): coins £{result.coins_pence / 100:.2f}, "
          f"card £{result.card_pence / 100:.2f}; {result.duplicates} already imported, "
          f"{len(result.errors)} error(s)")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
