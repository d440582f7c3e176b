"""Points bookkeeping outside the nightly Spark job: reversals, expiry, tiers, manual adjustments."""
import calendar
import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from members.models import Member
from rewards.models import PointsLedger, PointsRun

log = logging.getLogger(__name__)

TIER_THRESHOLDS = [  # points earned in the last 365 days
    (5000, Member.Tier.GOLD),
    (1500, Member.Tier.SILVER),
    (0, Member.Tier.GREEN),
]


def months_before(day, months):
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def reverse_run(run, note=""):
    """Take back whatever a points run credited and mark it reversed."""
    entries = list(run.entries.select_for_update().filter(kind=PointsLedger.Kind.PURCHASE))
    for entry in entries:
        Member.objects.filter(pk=entry.member_id).update(
            points_balance=F("points_balance") - entry.points,
            lifetime_points=F("lifetime_points") - max(entry.points, 0),
        )
    PointsLedger.objects.bulk_create([
        PointsLedger(member_id=e.member_id, run=run, kind=PointsLedger.Kind.REVERSAL,
                     business_date=e.business_date, points=-e.points, note=note[:200])
        for e in entries
    ])
    PointsLedger.objects.filter(pk__in=[e.pk for e in entries]).delete()
    PointsRun.objects.filter(pk=run.pk).update(status=PointsRun.Status.REVERSED)
    run.status = PointsRun.Status.REVERSED
    if entries:
        log.info("reversed points run %s (%s): %d entries", run.pk, run.business_date, len(entries))
    return len(entries)


@transaction.atomic
def adjust_points(member, points, note, business_date=None):
    """Customer-service goodwill credit or correction."""
    if not points:
        raise ValueError("adjustment must be non-zero")
    entry = PointsLedger.objects.create(
        member=member, kind=PointsLedger.Kind.ADJUSTMENT, points=points,
        business_date=business_date or timezone.localdate(), note=note[:200],
    )
    Member.objects.filter(pk=member.pk).update(points_balance=F("points_balance") + points)
    member.refresh_from_db(fields=["points_balance"])
    return entry


def expire_points(today=None, months=24):
    """Zero the balance of members who have not shopped for `months` months."""
    today = today or timezone.localdate()
    cutoff = months_before(today, months)
    stale = Member.objects.filter(points_balance__gt=0).filter(
        Q(last_purchase_on__lt=cutoff) | Q(last_purchase_on__isnull=True, joined_on__lt=cutoff)
    )
    expired = 0
    for member in stale.iterator():
        with transaction.atomic():
            locked = Member.objects.select_for_update().get(pk=member.pk)
            if locked.points_balance <= 0:
                continue
            PointsLedger.objects.create(member=locked, kind=PointsLedger.Kind.EXPIRY, business_date=today,
                                        points=-locked.points_balance, note=f"no purchase since {cutoff}")
            Member.objects.filter(pk=locked.pk).update(points_balance=0)
            expired += 1
    log.info("points expiry %s: %d members expired (cutoff %s)", today, expired, cutoff)
    return expired


def review_tiers(today=None):
    """Recompute tiers from the points earned in the last year. Returns the number of members changed."""
    today = today or timezone.localdate()
    since = today - timedelta(days=365)
    earned = dict(
        PointsLedger.objects.filter(kind=PointsLedger.Kind.PURCHASE, business_date__gt=since)
        .values("member_id").annotate(total=Sum("points")).values_list("member_id", "total")
    )
    changed = 0
    for member in Member.objects.filter(is_active=True).only("pk", "tier"):
        points = earned.get(member.pk, 0)
        tier = next(t for threshold, t in TIER_THRESHOLDS if points >= threshold)
        if tier != member.tier:
            Member.objects.filter(pk=member.pk).update(tier=tier)
            changed += 1
    log.info("tier review %s: %d members changed tier", today, changed)
    return changed
