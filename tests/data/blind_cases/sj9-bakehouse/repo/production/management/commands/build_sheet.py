from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from production.planning import SheetLocked, build_sheet


def _day(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = "Build or rebuild the production sheet for one day (default: tomorrow)."

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="day", type=_day, help="delivery day, YYYY-MM-DD")
        parser.add_argument("--force", action="store_true", help="rebuild even if the sheet is locked")

    def handle(self, *args, day=None, force=False, **options):
        day = day or timezone.localdate() + timedelta(days=1)
        try:
            sheet = build_sheet(day, force=force)
        except SheetLocked as exc:
            raise CommandError(f"{exc}; use --force to rebuild it anyway") from None
        if sheet is None:
            self.stdout.write(f"{day}: no round that day, nothing to build")
            return
        self.stdout.write(
            f"{day}: {sheet.drops.count()} drops, {sheet.lines.count()} products, {sheet.total_units} units "
            f"({sheet.skipped_closed} closed, {sheet.skipped_paused} paused)")
