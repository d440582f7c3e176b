#!/usr/bin/env python
"""Weekly attendance summary for the committee (plain text, pasted into the email).

    python /srv/choirhub/app/scripts/attendance_report.py --weeks 4 --output /srv/choirhub/shared/attendance.txt

Without --output the report is printed.
"""
import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

TEMPLATE = HERE / "templates" / "attendance_email.txt"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=4, help="look back this many weeks (default 4)")
    parser.add_argument("--output", metavar="FILE", help="write here instead of printing")
    parser.add_argument("--settings", default=None)
    return parser.parse_args(argv)


def render(rehearsals, summaries):
    from rehearsals.attendance import percent

    lines = []
    missing = []
    for summary in summaries:
        lines.append(f"{summary.label:<10} {percent(summary.rate):>5}")
        missing += [f"  {r.singer.full_name} ({summary.label}): {r.absent}"
                    for r in summary.missing_without_apologies()]
    first, last = rehearsals[0].starts_at, rehearsals[-1].starts_at
    return TEMPLATE.read_text(encoding="utf-8").format(
        first=f"{first:%d %b}", last=f"{last:%d %b}", count=len(rehearsals),
        sections="\n".join(lines), missing="\n".join(missing) or "  (none)",
    )


def main(argv=None):
    args = parse_args(argv)
    if args.settings:
        os.environ["DJANGO_SETTINGS_MODULE"] = args.settings
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "choirhub.settings")
    import django

    django.setup()

    from django.utils import timezone

    from rehearsals.attendance import summarise
    from rehearsals.models import Rehearsal

    now = timezone.now()
    rehearsals = list(Rehearsal.objects.filter(cancelled=False, starts_at__lte=now,
                                               starts_at__gt=now - timedelta(weeks=args.weeks)))
    if not rehearsals:
        print("no rehearsals in that period", file=sys.stderr)
        return 1
    text = render(rehearsals, summarise(rehearsals))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
