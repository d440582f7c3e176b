"""Acceptance tests for the billing reconciliation (Celery task ``billing.reconcile_billing_periods`` and the
month-end run through ``PeriodReconciler``): the reconciliation results stay correct and a run leaves no cached
or persisted data behind in the (long-lived) Spark session."""
from datetime import date, datetime, timedelta, timezone as dt_timezone
from decimal import Decimal

import pytest

from billing.models import BillingPeriod, Household, Meter, Reconciliation, Tariff

# serial -> kWh per day; one read a day at 12:00 UTC from 1 January to 5 March 2024
RATES = {"S-A1": 10.0, "S-A2": 7.5, "S-A3": 12.25, "S-B1": 4.0, "S-B2": 20.0, "S-C1": 6.0}
CYCLES = {
    "A": (date(2024, 1, 8), date(2024, 2, 7)),
    "B": (date(2024, 1, 15), date(2024, 2, 14)),
    "C": (date(2024, 2, 1), date(2024, 2, 29)),
}
PERIODS = [  # serial, cycle, billed kWh
    ("S-A1", "A", "300.000"),   # measured 300.0 -> matched
    ("S-A2", "A", "250.000"),   # measured 225.0 -> over-billed by 25
    ("S-A3", "A", "360.000"),   # measured 367.5 -> under-billed by 7.5
    ("S-B1", "B", "120.300"),   # measured 120.0 -> matched (tolerance 0.5)
    ("S-B2", "B", "500.000"),   # measured 600.0 -> under-billed by 100
    ("S-C1", "C", "168.000"),   # measured 168.0 -> matched
]
EXPECTED = {
    "S-A1": (Decimal("300.000"), Decimal("0.000"), 31, Reconciliation.Outcome.MATCHED),
    "S-A2": (Decimal("225.000"), Decimal("25.000"), 31, Reconciliation.Outcome.OVER_BILLED),
    "S-A3": (Decimal("367.500"), Decimal("-7.500"), 31, Reconciliation.Outcome.UNDER_BILLED),
    "S-B1": (Decimal("120.000"), Decimal("0.300"), 31, Reconciliation.Outcome.MATCHED),
    "S-B2": (Decimal("600.000"), Decimal("-100.000"), 31, Reconciliation.Outcome.UNDER_BILLED),
    "S-C1": (Decimal("168.000"), Decimal("0.000"), 29, Reconciliation.Outcome.MATCHED),
}


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("reconcile-acceptance")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.conf.set("spark.sql.session.timeZone", "UTC")
    return session


@pytest.fixture
def readings_dir(tmp_path):
    folder = tmp_path / "readings"
    folder.mkdir()
    lines = ["meter_serial,read_at,register_kwh,quality"]
    first = datetime(2024, 1, 1, 12, tzinfo=dt_timezone.utc)
    for serial, rate in RATES.items():
        register = 1000.0
        for day in range(65):
            ts = first + timedelta(days=day)
            lines.append(f"{serial},{ts:%Y-%m-%dT%H:%M:%SZ},{register + rate * day:.3f},A")
    (folder / "part-0001.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(folder)


@pytest.fixture
def periods(db):
    tariff = Tariff.objects.create(code="STD", name="Standard", unit_rate=Decimal("0.245"),
                                   standing_charge=Decimal("0.60"))
    made = []
    for n, (serial, cycle, billed) in enumerate(PERIODS, start=1):
        household = Household.objects.create(account_number=f"ACC9{n:03d}", holder_name=f"H{n}",
                                             postcode="LS1 1AA", tariff=tariff)
        meter = Meter.objects.create(serial=serial, household=household, installed_on=date(2020, 1, 1))
        start, end = CYCLES[cycle]
        made.append(BillingPeriod.objects.create(household=household, meter=meter, start=start, end=end,
                                                 billed_kwh=Decimal(billed),
                                                 status=BillingPeriod.Status.CLOSED))
    return made


def cached_data(spark):
    """(persistent RDDs, whether Spark SQL's cache still holds any plan)."""
    persistent = spark.sparkContext._jsc.getPersistentRDDs().size()
    cache_empty = spark._jsparkSession.sharedState().cacheManager().isEmpty()
    return persistent, not cache_empty


def test_nightly_task_leaves_nothing_cached(spark, periods, readings_dir, settings):
    from billing.tasks import reconcile_billing_periods

    settings.METERING = {**settings.METERING, "READINGS_PATH": readings_dir}
    spark.catalog.clearCache()
    assert cached_data(spark) == (0, False)

    assert reconcile_billing_periods.delay(cycle_end="2024-02-29").get() == 6

    got = {
        r.period.meter.serial: (r.measured_kwh, r.difference_kwh, r.readings, r.outcome)
        for r in Reconciliation.objects.select_related("period__meter")
    }
    assert got == EXPECTED
    assert set(BillingPeriod.objects.values_list("status", flat=True)) == {BillingPeriod.Status.RECONCILED}
    assert cached_data(spark) == (0, False), "the reconciliation left cached data in the worker's Spark session"


def test_multi_cycle_run_leaves_nothing_cached(spark, periods, readings_dir):
    from billing.reconciliation import PeriodReconciler
    from metering.readings import load_readings

    spark.catalog.clearCache()
    reconciler = PeriodReconciler(spark, load_readings(spark, readings_dir))
    results = reconciler.run(list(BillingPeriod.objects.select_related("meter")), dry_run=True)

    by_serial = {p.pk: p.meter.serial for p in periods}
    assert {by_serial[r.period_id]: (r.measured_kwh, r.difference_kwh, r.readings, r.outcome) for r in results} \
        == EXPECTED
    assert not Reconciliation.objects.exists()
    assert cached_data(spark) == (0, False), "the reconciliation left cached data in the Spark session"
