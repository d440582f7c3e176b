from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

READINGS = Path(__file__).parent / "data" / "readings"


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("gridbill-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture
def readings(spark):
    from metering.readings import load_readings

    return load_readings(spark, str(READINGS))


@pytest.fixture
def meters(db):
    from billing.models import Household, Meter, Tariff

    standard = Tariff.objects.create(code="STD-24", name="Standard variable", unit_rate=Decimal("0.24500"),
                                     standing_charge=Decimal("0.60100"))
    economy = Tariff.objects.create(code="E7-24", name="Economy 7", unit_rate=Decimal("0.21800"),
                                    standing_charge=Decimal("0.58200"))
    made = {}
    for account, serial, tariff in [
        ("ACC1001", "E10BG00417", standard),
        ("ACC1002", "E10BG00588", standard),
        ("ACC1003", "E10BG00733", economy),
        ("ACC1004", "E10BG00912", economy),
    ]:
        household = Household.objects.create(account_number=account, holder_name=f"Holder {account}",
                                             postcode="BS1 4DJ", tariff=tariff)
        made[serial] = Meter.objects.create(serial=serial, household=household, installed_on=date(2021, 6, 1))
    return made


def make_period(meter, start, end, billed_kwh, status="closed", estimated=False):
    from billing.models import BillingPeriod

    return BillingPeriod.objects.create(household=meter.household, meter=meter, start=start, end=end,
                                        billed_kwh=Decimal(billed_kwh), status=status, estimated=estimated)


@pytest.fixture
def closed_periods(meters):
    feb = (date(2024, 2, 1), date(2024, 2, 29))
    mar = (date(2024, 3, 1), date(2024, 3, 31))
    return {
        ("E10BG00417", "feb"): make_period(meters["E10BG00417"], *feb, "238.200"),
        ("E10BG00588", "feb"): make_period(meters["E10BG00588"], *feb, "336.000"),
        ("E10BG00733", "feb"): make_period(meters["E10BG00733"], *feb, "110.000", estimated=True),
        ("E10BG00417", "mar"): make_period(meters["E10BG00417"], *mar, "270.000", estimated=True),
        ("E10BG00588", "mar"): make_period(meters["E10BG00588"], *mar, "340.000"),
        ("E10BG00733", "mar"): make_period(meters["E10BG00733"], *mar, "150.000", estimated=True),
    }
