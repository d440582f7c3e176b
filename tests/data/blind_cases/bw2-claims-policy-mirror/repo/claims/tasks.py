import csv
import logging
import sqlite3
from contextlib import closing
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import legacy
from .models import Claim
from .triage import assign, decide_coverage, record_snapshot

logger = logging.getLogger(__name__)

BORDEREAU_COLUMNS = ["claim_number", "policy_number", "loss_type", "peril", "loss_date", "reported_at",
                     "estimated_amount", "status"]


@shared_task(autoretry_for=(sqlite3.OperationalError,), retry_backoff=60, max_retries=5, acks_late=True)
def snapshot_policy(claim_id):
    """Copy the policy as of the loss date from the legacy mirror and decide coverage.

    sqlite3.OperationalError ("database is locked", "disk I/O error") happens while the
    export job swaps the mirror file; those are retried.
    """
    claim = Claim.objects.get(pk=claim_id)
    if claim.status not in (Claim.Status.NEW, Claim.Status.NEEDS_REVIEW):
        logger.info("claim %s is %s, no snapshot needed", claim.number, claim.status)
        return claim.status

    conn = legacy.open_policy_db()
    try:
        policy = legacy.find_policy(conn, claim.policy_number)
    except legacy.PolicyNotFound as exc:
        # usually a policy written today: it will be in tomorrow's mirror
        claim.needs_review(str(exc))
        raise
    coverages = legacy.coverages_on(conn, policy["id"], claim.loss_date)
    conn.close()

    coverage = next((c for c in coverages if c.peril == claim.peril), None)
    snapshot = record_snapshot(claim, policy, coverage)
    status = decide_coverage(claim, snapshot)
    assign_adjuster.delay(claim.pk)
    logger.info("claim %s: policy %s snapshot taken, %s", claim.number, claim.policy_number, status)
    return status


@shared_task
def assign_adjuster(claim_id):
    claim = Claim.objects.get(pk=claim_id)
    adjuster = assign(claim)
    if adjuster is None:
        logger.warning("no adjuster with capacity for claim %s", claim.number)
        return None
    return adjuster.pk


@shared_task
def check_policy_mirror(max_age_days=2):
    """Morning check that the nightly PAS export actually ran."""
    with closing(legacy.open_policy_db()) as conn:
        stats = legacy.mirror_stats(conn)
    latest = stats["latest_effective_from"]
    if latest is None or date.fromisoformat(latest) < timezone.localdate() - timedelta(days=max_age_days):
        logger.error("policy mirror looks stale: newest policy starts %s", latest)
        stats["stale"] = True
    else:
        stats["stale"] = False
    return stats


@shared_task
def write_bordereau(week_start=None):
    """Weekly claims bordereau for the reinsurer (CSV)."""
    if week_start is None:
        today = timezone.localdate()
        week_start = today - timedelta(days=today.weekday() + 7)
    else:
        week_start = date.fromisoformat(week_start)
    week_end = week_start + timedelta(days=7)
    claims = Claim.objects.filter(reported_at__date__gte=week_start, reported_at__date__lt=week_end).order_by("number")
    settings.BORDEREAU_DIR.mkdir(parents=True, exist_ok=True)
    path = settings.BORDEREAU_DIR / f"bordereau-{week_start:%Y-%m-%d}.csv"
    rows = 0
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(BORDEREAU_COLUMNS)
        for claim in claims.iterator():
            writer.writerow([claim.number, claim.policy_number, claim.loss_type, claim.peril,
                             claim.loss_date.isoformat(), timezone.localtime(claim.reported_at).isoformat(),
                             f"{claim.estimated_amount:.2f}", claim.status])
            rows += 1
    return {"path": str(path), "rows": rows}
