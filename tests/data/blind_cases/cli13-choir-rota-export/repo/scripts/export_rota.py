#!/usr/bin/env python
"""Export the rehearsal rota for one month as CSV files for the section leaders.

One file per section (sopranos, altos, tenors, basses), written to
exports/rota/YYYY-MM/ in the project folder (or to --output-dir). The server
syncs exports/ to the committee's shared drive overnight, and the section
leaders forward their file to their section.

Runs from cron on the 25th, for the following month (see deploy/crontab):

    python /srv/choirhub/app/scripts/export_rota.py

Options: --month YYYY-MM to export another month, --section S/A/T/B (repeatable)
to export only some sections.
"""
import argparse
import logging
import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

logger = logging.getLogger("export_rota")

SECTION_CODES = ["S", "A", "T", "B"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Export the monthly rehearsal rota for the section leaders.")
    parser.add_argument("--month", metavar="YYYY-MM",
                        help="month to export (default: next month)")
    parser.add_argument("--output-dir", metavar="DIR",
                        help="write the YYYY-MM folder here instead of the project's exports/rota")
    parser.add_argument("--section", action="append", choices=SECTION_CODES, dest="sections",
                        help="only this section (may be repeated)")
    parser.add_argument("--settings", default=None,
                        help="Django settings module (default: $DJANGO_SETTINGS_MODULE or choirhub.settings)")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_args(argv)


def setup_django(settings_module=None):
    if settings_module:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "choirhub.settings")
    import django

    django.setup()


def main(argv=None):
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    setup_django(args.settings)

    from django.utils import timezone

    from rehearsals.rota import Month
    from rehearsals.rota_export import export_month

    try:
        month = Month.parse(args.month) if args.month else Month.following(timezone.localdate())
    except ValueError as exc:
        logger.error("%s", exc)
        return 2

    written = export_month(month, output_dir=args.output_dir, sections=args.sections)
    for path in written:
        logger.debug("wrote %s", path)
    logger.info("rota %s: %d file(s) written to %s", month, len(written),
                written[0].parent if written else "-")
    return 0


if __name__ == "__main__":
    sys.exit(main())
