from django.core.management.base import BaseCommand

from rewards.jobs.award_points import run_award_points
from rewards.models import PointsRun
from rewards.spark import build_spark_session

from ._dates import business_date_arg


class Command(BaseCommand):
    help = "Award loyalty points for one business day of till receipts (nightly, after the till upload)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="business day, YYYY-MM-DD (default: yesterday)")
        parser.add_argument("--receipts", help="receipts path (default: settings.RECEIPTS_PATH for the day)")
        parser.add_argument("--force", action="store_true", help="reverse and redo a completed day")

    def handle(self, *args, **options):
        business_date = business_date_arg(options["date"])
        existing = PointsRun.objects.filter(business_date=business_date, status=PointsRun.Status.COMPLETED).first()
        if existing and not options["force"]:
            self.stdout.write(f"points for {business_date} already awarded (run {existing.pk}); use --force to redo")
            return

        spark = build_spark_session(f"award-points-{business_date}")
        try:
            run = run_award_points(spark, business_date, options["receipts"], force=options["force"])
        finally:
            spark.stop()
        self.stdout.write(self.style.SUCCESS(
            f"{business_date}: {run.receipts_seen} receipts, {run.members_credited} members, "
            f"{run.points_awarded} points"
        ))
