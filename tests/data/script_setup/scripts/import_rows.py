"""python scripts/import_rows.py FILE"""
import argparse
import sys

from _bootstrap import setup_django


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("csv_file")
    args = parser.parse_args(argv)
    from ledger.loader import load

    setup_django()
    try:
        with open(args.csv_file, newline="", encoding="utf-8") as fh:
            print(load(fh))
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
