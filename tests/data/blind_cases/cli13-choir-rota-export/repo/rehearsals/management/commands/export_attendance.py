"""Attendance register for the committee: one CSV per month, all sections."""
import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from members.models import Singer
from rehearsals.models import Attendance
from rehearsals.rota import Month, rehearsals_in

DEFAULT_SUBDIR = Path("exports") / "attendance"


class Command(BaseCommand):
    help = "Write the attendance register for a month to exports/attendance/ (or --output-dir)."

    def add_arguments(self, parser):
        parser.add_argument("--month", metavar="YYYY-MM", help="default: the month that just ended")
        parser.add_argument("--output-dir", metavar="DIR")

    def handle(self, *args, month=None, output_dir=None, **options):
        try:
            target = Month.parse(month) if month else self._previous_month()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        out_dir = Path(output_dir) if output_dir else Path(settings.BASE_DIR) / DEFAULT_SUBDIR
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"attendance-{target}.csv"

        rehearsals = list(rehearsals_in(target))
        marks = {
            (a.rehearsal_id, a.singer_id): a.status
            for a in Attendance.objects.filter(rehearsal__in=rehearsals)
        }
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["Singer", "Section"]
                            + [f"{timezone.localtime(r.starts_at):%d %b}" for r in rehearsals])
            for singer in Singer.objects.filter(active=True):
                writer.writerow([singer.full_name, singer.get_section_display()]
                                + [marks.get((r.pk, singer.pk), "") for r in rehearsals])
        self.stdout.write(f"wrote {path}")

    @staticmethod
    def _previous_month():
        today = timezone.localdate()
        if today.month == 1:
            return Month(today.year - 1, 12)
        return Month(today.year, today.month - 1)
