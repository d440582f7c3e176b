import pytest

from lockers.models import DwellAlert, Parcel
from lockers.spark.dwell import DwellAlertJob
from lockers.spark.network import NetworkSummary

from .conftest import DAY, local


def test_dwell_alerts_for_overdue_parcels(spark, make_carrier, lockers, make_parcel):
    carrier = make_carrier("PRC", {lockers["AMS-ZD"]: 6}, max_dwell_hours=48)
    old = make_parcel(carrier, lockers["AMS-ZD"], local(2024, 5, 11, 9, 0))
    make_parcel(carrier, lockers["AMS-ZD"], local(2024, 5, 13, 9, 0))                          # 1 day
    make_parcel(carrier, lockers["AMS-ZD"], local(2024, 5, 10, 9, 0), local(2024, 5, 12, 9, 0))  # collected

    job = DwellAlertJob(spark)
    result = job.run(carrier, local(2024, 5, 14, 9, 0))
    assert (result.overdue, result.alerted) == (1, 1)
    alert = DwellAlert.objects.get()
    assert alert.parcel == old and alert.age_hours == pytest.approx(72.0)

    again = job.run(carrier, local(2024, 5, 14, 10, 0))
    assert (again.overdue, again.alerted) == (1, 0)


def test_network_summary_counts_deposits_per_city_and_size(spark, make_carrier, lockers, make_parcel):
    a = make_carrier("SWP", {lockers["AMS-CS"]: 10})
    b = make_carrier("KRL", {lockers["UTR-01"]: 5})
    make_parcel(a, lockers["AMS-CS"], local(2024, 5, 14, 8, 0), size=Parcel.Size.SMALL)
    make_parcel(a, lockers["AMS-ZD"], local(2024, 5, 14, 9, 0), size=Parcel.Size.SMALL)
    make_parcel(b, lockers["UTR-01"], local(2024, 5, 14, 10, 0), size=Parcel.Size.LARGE)
    make_parcel(b, lockers["UTR-01"], local(2024, 5, 13, 10, 0))  # deposited the day before

    assert NetworkSummary(spark).run(DAY) == {"Amsterdam": {"S": 2}, "Utrecht": {"L": 1}}
