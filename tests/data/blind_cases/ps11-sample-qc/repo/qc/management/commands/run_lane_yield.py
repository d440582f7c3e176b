from django.core.management.base import BaseCommand, CommandError

from qc.jobs import lane_yield
from qc.services import UnknownRunError
from qc.spark import get_spark


class Command(BaseCommand):
    help = "Compute the per-lane yield table of a sequencing run."

    def add_arguments(self, parser):
        parser.add_argument("run_id")
        parser.add_argument("input_path")
        parser.add_argument("--master")

    def handle(self, *args, run_id, input_path, master=None, **options):
        spark = get_spark(app_name=f"seqcore-lane-yield-{run_id}", master=master)
        try:
            lanes = lane_yield.run(spark, input_path, run_id)
        except UnknownRunError as exc:
            raise CommandError(str(exc)) from exc
        for lane in lanes:
            self.stdout.write(f"L{lane['lane']:03d} reads={lane['reads']} PF={lane['pf_pct']}% "
                              f"Q30={lane['pct_q30']}%")
