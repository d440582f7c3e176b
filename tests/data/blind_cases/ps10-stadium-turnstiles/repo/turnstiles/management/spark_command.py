"""Shared plumbing for the commands that run a Spark job and load its export."""
import logging
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analytics.paths import day_partitions, default_export_dir
from analytics.spark import spark_session
from turnstiles.models import JobRun

log = logging.getLogger(__name__)


def parse_day(value, option):
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} must be a date like 2024-03-09, got {value!r}")


class SparkJobCommand(BaseCommand):
    job_name = None
    raw_source = "RAW_SCANS"  # key of settings.TURNSTILE_LAKE holding the input

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="first match day, YYYY-MM-DD")
        parser.add_argument("--to", dest="until", help="last match day, inclusive (default: --date)")
        parser.add_argument("--raw-root", help="input root with date=YYYY-MM-DD folders (default: the lake)")
        parser.add_argument("--output", help="export folder (default: under the lake's exports)")

    def run_job(self, spark, inputs, output):
        raise NotImplementedError

    def load(self, output):
        raise NotImplementedError

    def handle(self, *args, **options):
        first = parse_day(options["date"], "--date")
        last = parse_day(options.get("until"), "--to") or first
        if last < first:
            raise CommandError(f"--to {last} is before --date {first}")

        raw_root = Path(options.get("raw_root") or settings.TURNSTILE_LAKE[self.raw_source])
        inputs = day_partitions(raw_root, first, last)
        if not inputs:
            raise CommandError(f"no input under {raw_root} for {first}..{last}")
        output = options.get("output") or str(default_export_dir(self.job_name, first, last))

        run = JobRun.objects.create(job=self.job_name, first_day=first, last_day=last, output_path=output)
        log.info("%s %s..%s: %d input folders -> %s", self.job_name, first, last, len(inputs), output)
        try:
            with spark_session(self.job_name) as spark:
                self.run_job(spark, inputs, output)
            result = self.load(output)
        except Exception as exc:
            log.exception("%s %s..%s failed", self.job_name, first, last)
            run.fail(exc)
            raise
        run.finish(result.loaded, result.skipped)
        self.stdout.write(
            f"{self.job_name} {first}..{last}: {result.loaded} rows loaded, {result.skipped} skipped"
        )
