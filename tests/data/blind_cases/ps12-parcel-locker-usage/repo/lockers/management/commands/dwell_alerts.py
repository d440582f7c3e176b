from django.core.management.base import BaseCommand
from django.utils import timezone

from lockers.spark.dwell import DwellAlertJob
from lockers.spark.session import get_spark

from ._common import add_tenant_arguments, selected_carriers


class Command(BaseCommand):
    help = "Raise dwell alerts for parcels left in lockers longer than their carrier allows."

    def add_arguments(self, parser):
        add_tenant_arguments(parser)

    def handle(self, *args, tenants=None, all_tenants=False, **options):
        now = timezone.now()
        job = DwellAlertJob(get_spark())
        for carrier in selected_carriers(tenants, all_tenants):
            result = job.run(carrier, now)
            self.stdout.write(f"{carrier.code}: {result.overdue} overdue, {result.alerted} new alerts")
