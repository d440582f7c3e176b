import pytest

from lockers.models import LockerUsage
from lockers.spark.usage import UsageReport

from .conftest import DAY, local


@pytest.fixture
def swift(make_carrier, lockers, make_parcel):
    carrier = make_carrier("SWP", {lockers["AMS-CS"]: 10, lockers["UTR-01"]: 4})
    cs, utr = lockers["AMS-CS"], lockers["UTR-01"]
    make_parcel(carrier, cs, local(2024, 5, 13, 18, 0), local(2024, 5, 14, 9, 0))   # 9h, from the day before
    make_parcel(carrier, cs, local(2024, 5, 14, 10, 0), local(2024, 5, 14, 16, 0))  # 6h
    make_parcel(carrier, cs, local(2024, 5, 14, 20, 0))                              # 4h, still there
    make_parcel(carrier, cs, local(2024, 5, 12, 8, 0), local(2024, 5, 13, 19, 0))   # gone before the day
    make_parcel(carrier, cs, local(2024, 5, 15, 7, 0))                               # after the day
    return carrier


def test_usage_for_one_carrier(spark, swift, lockers):
    rows = UsageReport(spark).run(swift, DAY)

    by_locker = {r.locker_id: r for r in rows}
    cs = by_locker[lockers["AMS-CS"].pk]
    assert (cs.compartments, cs.deposits, cs.held_over) == (10, 2, 1)
    assert cs.occupied_hours == pytest.approx(19.0)
    assert cs.utilisation == pytest.approx(19.0 / 240, abs=1e-4)
    utr = by_locker[lockers["UTR-01"].pk]
    assert (utr.deposits, utr.occupied_hours, utr.held_over, utr.utilisation) == (0, 0, 0, 0)

    stored = LockerUsage.objects.get(carrier=swift, locker=lockers["AMS-CS"], day=DAY)
    assert stored.occupied_hours == pytest.approx(19.0)
    assert LockerUsage.objects.filter(carrier=swift, day=DAY).count() == 2


def test_recomputing_a_day_overwrites_it(spark, swift, lockers, make_parcel):
    report = UsageReport(spark)
    report.run(swift, DAY)
    make_parcel(swift, lockers["UTR-01"], local(2024, 5, 14, 12, 0), local(2024, 5, 14, 18, 0))
    report.run(swift, DAY)

    utr = LockerUsage.objects.get(carrier=swift, locker=lockers["UTR-01"], day=DAY)
    assert (utr.deposits, utr.occupied_hours) == (1, pytest.approx(6.0))
    assert LockerUsage.objects.filter(carrier=swift, day=DAY).count() == 2


def test_dst_day_has_23_hours(spark, make_carrier, lockers, make_parcel):
    from datetime import date

    carrier = make_carrier("DST", {lockers["AMS-ZD"]: 1})
    make_parcel(carrier, lockers["AMS-ZD"], local(2024, 3, 30, 12, 0))  # there all of 31 March
    (row,) = UsageReport(spark).run(carrier, date(2024, 3, 31))
    assert row.occupied_hours == pytest.approx(23.0)
    assert row.utilisation == pytest.approx(1.0)
