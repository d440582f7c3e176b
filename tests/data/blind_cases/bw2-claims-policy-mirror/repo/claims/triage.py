"""Coverage decision and adjuster assignment."""
from django.db import transaction
from django.db.models import Count, Q

from .models import Adjuster, Claim, ClaimNote, PolicySnapshot

# claims estimated above this always get a human look before coverage is confirmed
LARGE_LOSS_THRESHOLD = 50_000


def record_snapshot(claim, policy, coverage):
    in_force = policy["status"] == "in_force" and policy["effective_from"] <= claim.loss_date <= policy["effective_to"]
    snapshot, _ = PolicySnapshot.objects.update_or_create(
        claim=claim,
        defaults={
            "legacy_policy_id": policy["id"],
            "product": policy["product"],
            "insured_name": policy["insured_name"],
            "effective_from": policy["effective_from"],
            "effective_to": policy["effective_to"],
            "peril_covered": in_force and coverage is not None,
            "limit": coverage.limit if coverage else None,
            "deductible": coverage.deductible if coverage else None,
        },
    )
    return snapshot


def decide_coverage(claim, snapshot):
    if not snapshot.peril_covered:
        claim.needs_review(f"peril {claim.peril} not covered on {claim.loss_date} (policy {claim.policy_number})")
        return claim.status
    if claim.estimated_amount >= LARGE_LOSS_THRESHOLD:
        claim.needs_review("large loss")
        return claim.status
    claim.status = Claim.Status.COVERAGE_CONFIRMED
    claim.save(update_fields=["status", "updated_at"])
    ClaimNote.objects.create(claim=claim, text=f"Coverage confirmed from policy mirror (limit {snapshot.limit}).")
    return claim.status


def pick_adjuster(claim):
    field = "handles_motor" if claim.loss_type == Claim.LossType.MOTOR else "handles_property"
    open_statuses = [Claim.Status.NEW, Claim.Status.COVERAGE_CONFIRMED, Claim.Status.NEEDS_REVIEW]
    candidates = (
        Adjuster.objects.filter(is_active=True, **{field: True})
        .annotate(open_claims=Count("claims", filter=Q(claims__status__in=open_statuses)))
        .order_by("open_claims", "pk")
    )
    for adjuster in candidates:
        if adjuster.open_claims < adjuster.max_open_claims:
            return adjuster
    return None


def assign(claim):
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if claim.adjuster_id:
            return claim.adjuster
        adjuster = pick_adjuster(claim)
        if adjuster is None:
            return None
        claim.adjuster = adjuster
        claim.save(update_fields=["adjuster", "updated_at"])
    return adjuster
