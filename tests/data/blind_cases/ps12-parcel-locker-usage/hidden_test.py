"""Acceptance tests: the nightly usage run loops over every carrier in one
long-lived Spark driver; a carrier's run must not leave data cached in that
driver's storage once it is done, and the figures must stay right."""
from io import StringIO

import pytest
from django.core.management import call_command

from lockers.models import LockerUsage
from lockers.spark.usage import UsageReport

from .conftest import DAY, local


def cached_in_spark(spark):
    """(persisted RDDs, cached query plans) currently held by the session."""
    persisted = spark.sparkContext._jsc.getPersistentRDDs().size()
    cache_manager = spark._jsparkSession.sharedState().cacheManager()
    return persisted, (0 if cache_manager.isEmpty() else 1)


@pytest.fixture
def clean_spark(spark):
    spark.catalog.clearCache()
    assert cached_in_spark(spark) == (0, 0)
    return spark


@pytest.fixture
def tenants(make_carrier, lockers, make_parcel):
    cs, zd, utr = lockers["AMS-CS"], lockers["AMS-ZD"], lockers["UTR-01"]
    swp = make_carrier("SWP", {cs: 10, utr: 4})
    prc = make_carrier("PRC", {cs: 4, zd: 2})
    krl = make_carrier("KRL", {utr: 6})

    make_parcel(swp, cs, local(2024, 5, 13, 18, 0), local(2024, 5, 14, 9, 0))    # 9h
    make_parcel(swp, cs, local(2024, 5, 14, 10, 0), local(2024, 5, 14, 16, 0))   # 6h
    make_parcel(swp, cs, local(2024, 5, 14, 20, 0))                               # 4h, held over
    make_parcel(swp, utr, local(2024, 5, 14, 12, 0), local(2024, 5, 14, 13, 30))  # 1.5h

    make_parcel(prc, cs, local(2024, 5, 14, 6, 0), local(2024, 5, 14, 18, 0))     # 12h
    make_parcel(prc, zd, local(2024, 5, 12, 9, 0))                                # 24h, held over
    make_parcel(prc, zd, local(2024, 5, 14, 21, 0), local(2024, 5, 15, 8, 0))     # 3h, held over

    make_parcel(krl, utr, local(2024, 5, 14, 0, 0), local(2024, 5, 14, 12, 0))    # 12h
    make_parcel(krl, utr, local(2024, 5, 15, 9, 0))                               # next day
    return swp, prc, krl


EXPECTED = {
    # (carrier, locker): (compartments, deposits, occupied_hours, held_over, utilisation)
    ("SWP", "AMS-CS"): (10, 2, 19.0, 1, 19.0 / 240),
    ("SWP", "UTR-01"): (4, 1, 1.5, 0, 1.5 / 96),
    ("PRC", "AMS-CS"): (4, 1, 12.0, 0, 12.0 / 96),
    ("PRC", "AMS-ZD"): (2, 1, 27.0, 2, 27.0 / 48),
    ("KRL", "UTR-01"): (6, 1, 12.0, 0, 12.0 / 144),
}


def stored_usage():
    return {
        (u.carrier.code, u.locker.code): (u.compartments, u.deposits, u.occupied_hours, u.held_over, u.utilisation)
        for u in LockerUsage.objects.filter(day=DAY).select_related("carrier", "locker")
    }


def assert_usage_matches(actual, expected):
    assert set(actual) == set(expected)
    for key, (compartments, deposits, hours, held_over, utilisation) in expected.items():
        got = actual[key]
        assert got[0] == compartments and got[1] == deposits and got[3] == held_over, (key, got)
        assert got[2] == pytest.approx(hours, abs=1e-3), (key, got)
        assert got[4] == pytest.approx(utilisation, abs=1e-3), (key, got)


def test_all_tenants_run_leaves_nothing_cached(clean_spark, tenants):
    out = StringIO()
    call_command("locker_usage", "--all-tenants", "--date", DAY.isoformat(), stdout=out)

    assert cached_in_spark(clean_spark) == (0, 0)
    assert_usage_matches(stored_usage(), EXPECTED)
    assert "KRL" in out.getvalue() and "PRC" in out.getvalue() and "SWP" in out.getvalue()


def test_each_tenant_run_releases_its_storage(clean_spark, tenants):
    report = UsageReport(clean_spark)
    for carrier in tenants:
        rows = report.run(carrier, DAY)
        assert len(rows) == len(carrier.allocations.all())
        assert cached_in_spark(clean_spark) == (0, 0), f"data still cached after {carrier.code}"
    assert_usage_matches(stored_usage(), EXPECTED)


def test_rerunning_the_night_gives_the_same_figures(clean_spark, tenants):
    for _ in range(2):
        call_command("locker_usage", "--all-tenants", "--date", DAY.isoformat(), "--no-summary", stdout=StringIO())
        assert cached_in_spark(clean_spark) == (0, 0)
    assert_usage_matches(stored_usage(), EXPECTED)
    assert LockerUsage.objects.filter(day=DAY).count() == len(EXPECTED)
