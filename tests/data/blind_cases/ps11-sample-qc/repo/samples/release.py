"""Releasing sequenced samples to the customer after QC.

A sample of a run is released once the run has a finished QcRun and the sample is not in that QcRun's failed
list; failed samples are put on hold for the lab to look at (re-sequence or release with a waiver).
"""
import logging

from django.db import transaction
from django.utils import timezone

from .models import Sample

logger = logging.getLogger("qc.release")


class ReleaseError(Exception):
    pass


@transaction.atomic
def release_samples_for_qc_run(qc_run, now=None):
    """Release the passing samples of ``qc_run``'s sequencing run; hold the failing ones.

    Returns ``(released, held)`` counts. Samples already released are left alone.
    """
    if qc_run.status not in (qc_run.Status.PASSED, qc_run.Status.FAILED):
        raise ReleaseError(f"QC run {qc_run.pk} is {qc_run.status}, not finished")
    now = now or timezone.now()
    failed = set(qc_run.failed_samples)
    pending = (Sample.objects.select_for_update()
               .filter(run=qc_run.run)
               .exclude(status=Sample.Status.RELEASED))
    released = held = 0
    for sample in pending:
        if sample.sample_id in failed:
            sample.status = Sample.Status.ON_HOLD
            sample.hold_reason = f"failed QC (QC run {qc_run.pk})"
            sample.save(update_fields=["status", "hold_reason"])
            held += 1
        else:
            sample.status = Sample.Status.RELEASED
            sample.released_at = now
            sample.hold_reason = ""
            sample.save(update_fields=["status", "released_at", "hold_reason"])
            released += 1
    logger.info("run %s: released %d samples, %d on hold", qc_run.run.run_id, released, held)
    return released, held
