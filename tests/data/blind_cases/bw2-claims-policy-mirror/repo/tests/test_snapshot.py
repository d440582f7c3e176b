from datetime import date, timedelta
from decimal import Decimal

import pytest

from claims.legacy import PolicyNotFound
from claims.models import Claim, PolicySnapshot
from claims.tasks import snapshot_policy


def make_claim(**kwargs):
    defaults = dict(number="CL-0001", policy_number="HP-100200", loss_type="property", peril="escape_of_water",
                    loss_date=date.today() - timedelta(days=3), claimant_name="J. Doe",
                    estimated_amount=Decimal("3200.00"))
    defaults.update(kwargs)
    return Claim.objects.create(**defaults)


@pytest.mark.django_db
def test_covered_claim_is_confirmed_and_assigned(mirror, adjusters):
    mirror.add_policy("HP-100200", coverages=[("escape_of_water", 5_000_000, 25_000), ("storm", 10_000_000, 50_000)])
    claim = make_claim()

    assert snapshot_policy.apply(args=[claim.pk]).get() == Claim.Status.COVERAGE_CONFIRMED

    claim.refresh_from_db()
    snapshot = PolicySnapshot.objects.get(claim=claim)
    assert snapshot.peril_covered
    assert snapshot.limit == Decimal("50000.00")
    assert snapshot.deductible == Decimal("250.00")
    assert claim.adjuster == adjusters[0]


@pytest.mark.django_db
def test_peril_not_covered_goes_to_review(mirror, adjusters):
    mirror.add_policy("HP-100200", coverages=[("storm", 10_000_000, 50_000)])
    claim = make_claim()
    assert snapshot_policy.apply(args=[claim.pk]).get() == Claim.Status.NEEDS_REVIEW
    claim.refresh_from_db()
    assert "not covered" in claim.review_reason


@pytest.mark.django_db
def test_large_loss_goes_to_review(mirror, adjusters):
    mirror.add_policy("HP-100200", coverages=[("escape_of_water", 10_000_000, 25_000)])
    claim = make_claim(estimated_amount=Decimal("72000"))
    snapshot_policy.apply(args=[claim.pk])
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEEDS_REVIEW
    assert claim.review_reason == "large loss"


@pytest.mark.django_db
def test_unknown_policy_is_flagged_for_review(mirror):
    claim = make_claim(policy_number="HP-999999")
    with pytest.raises(PolicyNotFound):
        snapshot_policy.apply(args=[claim.pk], throw=True)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEEDS_REVIEW
    assert "not in the mirror" in claim.review_reason


@pytest.mark.django_db
def test_lapsed_policy_is_not_covered(mirror, adjusters):
    start = date.today() - timedelta(days=500)
    mirror.add_policy("HP-100200", start=start, end=start + timedelta(days=365),
                      coverages=[("escape_of_water", 5_000_000, 25_000)])
    claim = make_claim()
    assert snapshot_policy.apply(args=[claim.pk]).get() == Claim.Status.NEEDS_REVIEW
