"""Nightly close (crontab, 00:30 shop time). ``--date`` re-closes a given day."""
from datetime import date

from django.core.management.base import BaseCommand

from takings.closing import close_day, day_to_close, mail_takings


class Command(BaseCommand):
    help = "Close a business day: compute every store's takings and mail them to the area managers."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="business day to close (default: the day just ended)")
        parser.add_argument("--no-mail", action="store_true", help="do not send the takings mail")

    def handle(self, *args, **options):
        day = options["date"] or day_to_close()
        rows = close_day(day)
        if not options["no_mail"]:
            mail_takings(day, rows)
        self.stdout.write(f"closed {day}: {len(rows)} store(s), {sum(r.gross_yen for r in rows):,} yen")
