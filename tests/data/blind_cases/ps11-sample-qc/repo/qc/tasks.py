import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from samples.models import SequencingRun
from samples.release import release_samples_for_qc_run

from .models import QcRun

logger = logging.getLogger("qc.tasks")


@shared_task
def release_after_qc(qc_run_id):
    qc_run = QcRun.objects.select_related("run").get(pk=qc_run_id)
    released, held = release_samples_for_qc_run(qc_run)
    return {"released": released, "held": held}


@shared_task
def flag_stale_runs(now=None):
    """Beat job: demultiplexed runs that never got a QC run within QC_STALE_RUN_HOURS are flagged."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.QC_STALE_RUN_HOURS)
    stale = (SequencingRun.objects
             .filter(status=SequencingRun.Status.DEMULTIPLEXED, completed_at__lt=cutoff)
             .exclude(qc_runs__status__in=[QcRun.Status.PASSED, QcRun.Status.FAILED]))
    run_ids = list(stale.values_list("run_id", flat=True))
    if run_ids:
        SequencingRun.objects.filter(run_id__in=run_ids).update(status=SequencingRun.Status.STALE)
        logger.warning("runs without QC for %sh: %s", settings.QC_STALE_RUN_HOURS, ", ".join(run_ids))
    return len(run_ids)
