import logging
import time

from django.core.management.base import BaseCommand, CommandError

from lockers.spark.network import NetworkSummary
from lockers.spark.session import get_spark
from lockers.spark.usage import UsageReport
from lockers.timeutils import yesterday

from ._common import add_tenant_arguments, parse_day, selected_carriers

logger = logging.getLogger("lockers.commands")


class Command(BaseCommand):
    help = "Compute per-locker utilisation for one day (default: yesterday) for the selected carriers."

    def add_arguments(self, parser):
        add_tenant_arguments(parser)
        parser.add_argument("--date", type=parse_day, help="local day, YYYY-MM-DD (default: yesterday)")
        parser.add_argument("--no-summary", action="store_true", help="skip the network summary at the end")

    def handle(self, *args, tenants=None, all_tenants=False, date=None, no_summary=False, **options):
        day = date or yesterday()
        carriers = selected_carriers(tenants, all_tenants)
        if not carriers:
            self.stdout.write("no carriers selected")
            return

        spark = get_spark()  # one driver for the whole night
        report = UsageReport(spark)
        failed = []
        for n, carrier in enumerate(carriers, start=1):
            started = time.monotonic()
            try:
                rows = report.run(carrier, day)
            except Exception:
                logger.exception("usage %s %s failed", carrier.code, day)
                failed.append(carrier.code)
                continue
            self.stdout.write(
                f"[{n}/{len(carriers)}] {carrier.code}: {len(rows)} lockers in {time.monotonic() - started:.1f}s")

        if not no_summary:
            for city, sizes in sorted(NetworkSummary(spark).run(day).items()):
                counts = ", ".join(f"{size}={count}" for size, count in sorted(sizes.items()))
                self.stdout.write(f"{city}: {counts}")

        if failed:
            raise CommandError(f"usage failed for {', '.join(failed)}")
