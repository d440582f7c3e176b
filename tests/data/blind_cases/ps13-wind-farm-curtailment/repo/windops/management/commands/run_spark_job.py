from datetime import date, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from windops.spark import JOBS
from windops.spark.session import get_spark


class Command(BaseCommand):
    help = "Run one of the nightly Spark jobs for a day (default: yesterday)."

    def add_arguments(self, parser):
        parser.add_argument("job", choices=sorted(JOBS))
        parser.add_argument("--day", type=date.fromisoformat, help="YYYY-MM-DD, local date")
        parser.add_argument("--scada", type=Path, help="SCADA export to read instead of the day's default file")

    def handle(self, *args, job, day=None, scada=None, **options):
        day = day or timezone.localdate() - timedelta(days=1)
        if day >= timezone.localdate():
            raise CommandError("the day is not over yet")
        if scada is not None and not scada.exists():
            raise CommandError(f"{scada} does not exist")
        spark = get_spark(f"windops-{job}")
        result = JOBS[job](spark, day, scada_path=scada).run()
        self.stdout.write(f"{job} {day}: {len(result)} rows")
