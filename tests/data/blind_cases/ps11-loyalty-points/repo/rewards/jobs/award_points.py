"""Nightly job: award loyalty points for one business day of till receipts."""
import logging
from functools import partial

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone

from rewards.models import PointsLedger, PointsRun
from rewards.points import compute_member_points
from rewards.receipts import read_receipts, receipts_path_for
from rewards.services import reverse_run
from rewards.sinks import write_points_partition

log = logging.getLogger(__name__)


def run_award_points(spark, business_date, receipts_path=None, force=False):
    """Credit every member's points for `business_date` and return the PointsRun.

    A completed day is not credited twice (unless force=True, which reverses the
    previous run first). A failed or interrupted run is reversed and redone.
    """
    path = str(receipts_path or receipts_path_for(business_date))
    run, created = PointsRun.objects.get_or_create(business_date=business_date, defaults={"receipts_path": path})
    if not created:
        if run.status == PointsRun.Status.COMPLETED and not force:
            log.info("points for %s already awarded (run %s), nothing to do", business_date, run.pk)
            return run
        reverse_run(run, note="re-run of award_points")
        run.status = PointsRun.Status.RUNNING
        run.receipts_path = path
        run.error = ""
        run.finished_at = None
        run.save()

    log.info("awarding points for %s from %s (run %s)", business_date, path, run.pk)
    receipts = read_receipts(spark, path).cache()
    try:
        run.receipts_seen = receipts.count()
        totals = compute_member_points(receipts)
        (
            totals.repartition(settings.AWARD_POINTS_WRITE_PARTITIONS, "card_number")
            .foreachPartition(partial(write_points_partition, run.pk, business_date))
        )
    except Exception as exc:
        log.exception("points run %s for %s failed", run.pk, business_date)
        run.status = PointsRun.Status.FAILED
        run.error = str(exc)[:4000]
        run.finished_at = timezone.now()
        run.save()
        raise
    finally:
        receipts.unpersist()

    stats = run.entries.filter(kind=PointsLedger.Kind.PURCHASE).aggregate(members=Count("id"), points=Sum("points"))
    run.members_credited = stats["members"]
    run.points_awarded = stats["points"] or 0
    run.status = PointsRun.Status.COMPLETED
    run.finished_at = timezone.now()
    run.save()
    log.info("points run %s for %s: %d receipts, %d members credited, %d points",
             run.pk, business_date, run.receipts_seen, run.members_credited, run.points_awarded)
    return run
