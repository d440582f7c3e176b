"""Options shared by the brewhouse management commands.

Every command that can run from cron takes the same four options so the crontab and the runbook stay uniform:

    --site CODE        only this site (default: all sites)
    --dry-run          show what would change, write nothing
    --send-emails B    whether to email the team about the result (default: true)
    --batch-size N     how many rows to process per chunk
"""
from django.core.management.base import CommandError

from brewhouse.models import Site


def add_common_options(parser):
    parser.add_argument("--site", help="site code, e.g. DUB or KKY (default: all sites)")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")
    parser.add_argument(
        "--send-emails",
        type=bool,
        default=True,
        metavar="true|false",
        help="email the team about the result (default: true)",
    )
    parser.add_argument("--batch-size", type=int, default=200, help="rows per chunk (default: 200)")


def resolve_site(code):
    if not code:
        return None
    try:
        return Site.objects.get(code=code.upper())
    except Site.DoesNotExist:
        known = ", ".join(Site.objects.order_by("code").values_list("code", flat=True))
        raise CommandError(f"unknown site {code!r} (known: {known})")
