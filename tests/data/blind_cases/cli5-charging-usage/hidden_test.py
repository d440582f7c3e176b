"""Acceptance tests: a usage export or monthly statement covers whole local (Europe/Berlin) days, the last day
of the range included. A session counts on the local day it ended."""
import csv
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from charging.models import ChargingSession
from charging.tasks import send_monthly_site_statements

from .conftest import local


@pytest.fixture
def march(make_session):
    alt_ac, alt_dc, lue = "DE*VPK*E0101*1", "DE*VPK*E0102*1", "DE*VPK*E0201*1"
    make_session(alt_ac, local(2024, 2, 29, 23, 30), energy_wh=1_000)    # February (22:30 UTC)
    make_session(alt_ac, local(2024, 3, 1, 0, 15), energy_wh=2_000)      # 1 March local, still 29 Feb in UTC
    make_session(alt_dc, local(2024, 3, 15, 12, 0), energy_wh=4_000)
    make_session(alt_ac, local(2024, 3, 31, 9, 0), energy_wh=8_000)      # last day of the month
    make_session(alt_dc, local(2024, 3, 31, 23, 50), energy_wh=16_000)   # last day, 21:50 UTC
    make_session(lue, local(2024, 3, 31, 18, 0), energy_wh=32_000)
    make_session(alt_ac, local(2024, 4, 1, 0, 20), energy_wh=64_000)     # April local, 31 March 22:20 UTC
    make_session(alt_dc, None, status=ChargingSession.Status.ACTIVE)


def export(*args):
    out = StringIO()
    call_command("export_site_usage", *args, stdout=out, stderr=StringIO())
    return {row["site"]: row for row in csv.DictReader(StringIO(out.getvalue()))}


@pytest.mark.django_db
def test_month_export_includes_the_last_day(march):
    rows = export("--month", "2024-03")

    assert rows["HH-ALT01"]["sessions"] == "4"
    assert Decimal(rows["HH-ALT01"]["energy_kwh"]) == Decimal("30.000")
    assert rows["HH-LUE02"]["sessions"] == "1"
    assert Decimal(rows["HH-LUE02"]["energy_kwh"]) == Decimal("32.000")
    assert rows["TOTAL"]["sessions"] == "5"


@pytest.mark.django_db
def test_from_to_export_includes_the_to_day(march):
    rows = export("--from", "2024-03-01", "--to", "2024-03-31")

    assert rows["HH-ALT01"]["sessions"] == "4"
    assert Decimal(rows["HH-ALT01"]["energy_kwh"]) == Decimal("30.000")
    assert rows["HH-LUE02"]["sessions"] == "1"


@pytest.mark.django_db
def test_single_day_export(march):
    rows = export("--from", "2024-03-31", "--to", "2024-03-31", "--site", "HH-ALT01")

    assert rows["HH-ALT01"]["sessions"] == "2"
    assert Decimal(rows["HH-ALT01"]["energy_kwh"]) == Decimal("24.000")


@pytest.mark.django_db
def test_consecutive_ranges_count_every_session_once(march):
    first = export("--from", "2024-03-01", "--to", "2024-03-15")
    second = export("--from", "2024-03-16", "--to", "2024-04-01")

    assert first["HH-ALT01"]["sessions"] == "2"
    assert second["HH-ALT01"]["sessions"] == "3"
    assert Decimal(second["HH-ALT01"]["energy_kwh"]) == Decimal("88.000")


@pytest.mark.django_db
def test_monthly_statement_includes_the_last_day(march):
    assert send_monthly_site_statements(as_of="2024-04-01") == 1

    body = mail.outbox[0].body
    assert "charging sessions:   4" in body
    assert "energy delivered:    30.000 kWh" in body
    assert "EUR 9.00" in body
