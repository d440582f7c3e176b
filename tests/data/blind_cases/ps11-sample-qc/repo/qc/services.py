"""Persistence of QC job results (driver side)."""
import logging

from django.db import transaction
from django.utils import timezone

from samples.models import SequencingRun

from .models import LaneYield, QcRun

logger = logging.getLogger("qc.services")


class UnknownRunError(LookupError):
    pass


def get_sequencing_run(run_id):
    try:
        return SequencingRun.objects.get(run_id=run_id)
    except SequencingRun.DoesNotExist:
        raise UnknownRunError(f"sequencing run {run_id!r} is not registered") from None


def start_qc_run(seq_run, input_path, thresholds):
    return QcRun.objects.create(run=seq_run, input_path=str(input_path), started_at=timezone.now(),
                                thresholds=thresholds.as_dict())


@transaction.atomic
def finish_qc_run(qc_run, total_samples, summary):
    qc_run.total_samples = total_samples
    qc_run.failed_samples = summary.failed_sample_ids()
    qc_run.failed_count = len(qc_run.failed_samples)
    qc_run.failure_reasons = dict(summary.counts)
    qc_run.status = QcRun.Status.FAILED if qc_run.failed_count else QcRun.Status.PASSED
    qc_run.finished_at = timezone.now()
    qc_run.save()
    SequencingRun.objects.filter(pk=qc_run.run_id).update(status=SequencingRun.Status.QC_DONE)
    return qc_run


def fail_qc_run(qc_run, exc):
    qc_run.status = QcRun.Status.ERROR
    qc_run.error_message = f"{type(exc).__name__}: {exc}"
    qc_run.finished_at = timezone.now()
    qc_run.save(update_fields=["status", "error_message", "finished_at"])
    logger.error("QC run %s for %s failed: %s", qc_run.pk, qc_run.run.run_id, qc_run.error_message)


@transaction.atomic
def record_lane_yields(seq_run, lanes, malformed_records, min_pf_pct):
    """Replace the lane table of ``seq_run`` with ``lanes`` (dicts with lane, reads, pf_reads, ...)."""
    now = timezone.now()
    LaneYield.objects.filter(run=seq_run).delete()
    rows = [
        LaneYield(run=seq_run, lane=lane["lane"], reads=lane["reads"], pf_reads=lane["pf_reads"],
                  pf_pct=lane["pf_pct"], yield_bases=lane["yield_bases"], pct_q30=lane["pct_q30"],
                  low_pf=lane["pf_pct"] < min_pf_pct, malformed_records=malformed_records, computed_at=now)
        for lane in lanes
    ]
    return LaneYield.objects.bulk_create(rows)
