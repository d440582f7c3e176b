from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from members.models import Member
from rewards.models import PointsLedger, PointsRun
from rewards.services import adjust_points, expire_points, months_before, reverse_run, review_tiers

from .conftest import DAY


def test_months_before_clamps_day():
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2024, 1, 15), 24) == date(2022, 1, 15)


@pytest.mark.django_db
def test_reverse_run_takes_points_back(make_member):
    member = make_member("6340001", points_balance=150, lifetime_points=150)
    run = PointsRun.objects.create(business_date=DAY, receipts_path="x", status=PointsRun.Status.COMPLETED)
    PointsLedger.objects.create(member=member, run=run, kind=PointsLedger.Kind.PURCHASE, business_date=DAY,
                                points=50, receipts=2)

    assert reverse_run(run) == 1

    member.refresh_from_db()
    assert (member.points_balance, member.lifetime_points) == (100, 100)
    assert run.status == PointsRun.Status.REVERSED
    assert list(run.entries.values_list("kind", "points")) == [(PointsLedger.Kind.REVERSAL, -50)]


@pytest.mark.django_db
def test_expiry_only_hits_lapsed_members(make_member):
    lapsed = make_member("6340001", points_balance=320, last_purchase_on=date(2022, 6, 1))
    recent = make_member("6340002", points_balance=90, last_purchase_on=date(2024, 10, 2))

    assert expire_points(today=date(2024, 12, 1), months=24) == 1

    lapsed.refresh_from_db()
    recent.refresh_from_db()
    assert (lapsed.points_balance, recent.points_balance) == (0, 90)
    assert lapsed.ledger.get().points == -320


@pytest.mark.django_db
def test_tier_review_and_adjustment(make_member):
    member = make_member("6340003")
    adjust_points(member, 25, "goodwill: damaged delivery")
    PointsLedger.objects.create(member=member, kind=PointsLedger.Kind.PURCHASE, business_date=date(2024, 6, 1),
                                points=1600)

    assert review_tiers(today=date(2024, 12, 1)) == 1
    member.refresh_from_db()
    assert (member.tier, member.points_balance) == (Member.Tier.SILVER, 25)


@pytest.mark.django_db
def test_award_points_command_skips_completed_day(make_member):
    PointsRun.objects.create(business_date=DAY, receipts_path="x", status=PointsRun.Status.COMPLETED)
    out = StringIO()
    call_command("award_points", "--date", DAY.isoformat(), stdout=out)
    assert "already awarded" in out.getvalue()
