from django.core.management.base import BaseCommand, CommandError

from qc.jobs import sample_qc
from qc.services import UnknownRunError
from qc.spark import get_spark
from qc.tasks import release_after_qc


class Command(BaseCommand):
    help = "Run the per-sample QC Spark job for a sequencing run and store the result as a QcRun."

    def add_arguments(self, parser):
        parser.add_argument("run_id")
        parser.add_argument("input_path", help="per-read metrics (Parquet directory, .csv or .tsv)")
        parser.add_argument("--master", help="Spark master (default: settings.SPARK_MASTER)")
        parser.add_argument("--release", action="store_true",
                            help="queue the release of passing samples when QC is done")

    def handle(self, *args, run_id, input_path, master=None, release=False, **options):
        spark = get_spark(app_name=f"seqcore-sample-qc-{run_id}", master=master)
        try:
            qc_run = sample_qc.run(spark, input_path, run_id)
        except UnknownRunError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"QC run {qc_run.pk}: {qc_run.status}, {qc_run.total_samples} samples, "
                          f"{qc_run.failed_count} failed")
        for sample_id in qc_run.failed_samples:
            self.stdout.write(f"  FAILED {sample_id}")
        if release:
            release_after_qc.delay(qc_run.pk)
            self.stdout.write("release queued")
