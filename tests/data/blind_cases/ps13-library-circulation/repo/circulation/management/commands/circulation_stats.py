from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from circulation.models import StatsRun
from circulation.periods import parse_month, previous_month
from circulation.spark.jobs import genre_circulation, regional_returns
from circulation.spark.session import get_spark
from circulation.stats import save_genre_stats, save_return_stats

REPORTS = {
    "genre": (genre_circulation, save_genre_stats),
    "returns": (regional_returns, save_return_stats),
}


def _month(value):
    try:
        return parse_month(value)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


class Command(BaseCommand):
    help = "Compute the monthly circulation statistics from the ILS loan exports (runs PySpark locally)."

    def add_arguments(self, parser):
        parser.add_argument("report", choices=[*REPORTS, "all"])
        parser.add_argument("--month", type=_month, help="YYYY-MM (default: last month)")
        parser.add_argument("--source", help="directory holding loans-YYYY-MM-DD.csv (default: CIRCULATION_EXPORT_DIR)")

    def handle(self, *args, report, month=None, source=None, **options):
        month = month or previous_month()
        if month >= timezone.localdate().replace(day=1):
            raise CommandError(f"{month:%Y-%m} is not over yet")
        names = list(REPORTS) if report == "all" else [report]
        spark = get_spark()
        for name in names:
            job, save = REPORTS[name]
            run = StatsRun.objects.create(report=name, month=month)
            try:
                rows = job(spark, month, source)
                saved = 0 if rows is None else save(month, rows)
            except Exception as exc:
                run.error = f"{type(exc).__name__}: {exc}"[:4000]
                run.finished_at = timezone.now()
                run.save(update_fields=["error", "finished_at"])
                raise
            run.rows, run.ok, run.finished_at = saved, True, timezone.now()
            run.save(update_fields=["rows", "ok", "finished_at"])
            if rows is None:
                self.stdout.write(f"{name} {month:%Y-%m}: no loan exports, nothing saved")
            else:
                self.stdout.write(f"{name} {month:%Y-%m}: {saved} rows saved")
