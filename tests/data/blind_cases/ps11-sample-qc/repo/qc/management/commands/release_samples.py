from django.core.management.base import BaseCommand, CommandError

from qc.models import QcRun
from samples.release import ReleaseError, release_samples_for_qc_run


class Command(BaseCommand):
    help = "Release the samples of a sequencing run that passed its latest QC run."

    def add_arguments(self, parser):
        parser.add_argument("run_id")

    def handle(self, *args, run_id, **options):
        try:
            qc_run = QcRun.objects.filter(run__run_id=run_id).latest()
        except QcRun.DoesNotExist:
            raise CommandError(f"no QC run for {run_id}") from None
        try:
            released, held = release_samples_for_qc_run(qc_run)
        except ReleaseError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{run_id}: released {released}, on hold {held}")
