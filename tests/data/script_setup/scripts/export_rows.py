"""python scripts/export_rows.py"""
import argparse
import sys

from _bootstrap import setup_django


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--account")
    args = parser.parse_args(argv)
    setup_django()
    from ledger.models import Entry

    for entry in Entry.objects.filter(account=args.account or ""):
        print(entry.account, entry.cents)
    return 0


if __name__ == "__main__":
    sys.exit(main())
