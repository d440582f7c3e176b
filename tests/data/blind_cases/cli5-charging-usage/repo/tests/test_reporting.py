from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from charging.models import ChargingSession
from charging.reporting import month_bounds, parse_month, previous_month, site_usage

from .conftest import local


def test_month_helpers():
    assert parse_month("2024-02") == (2024, 2)
    assert month_bounds(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert previous_month(date(2024, 1, 1)) == (date(2023, 12, 1), date(2023, 12, 31))
    with pytest.raises(ValueError):
        parse_month("03/2024")


@pytest.mark.django_db
def test_site_usage_groups_by_site(make_session):
    make_session("DE*VPK*E0101*1", local(2024, 3, 5, 9), energy_wh=12_000, amount="7.08")
    make_session("DE*VPK*E0102*1", local(2024, 3, 12, 17), energy_wh=40_500, amount="27.95", idle_fee="2.00")
    make_session("DE*VPK*E0201*1", local(2024, 3, 20, 8), energy_wh=8_000, amount="4.72")
    make_session("DE*VPK*E0101*1", None, status=ChargingSession.Status.ACTIVE)

    rows = {r.site.code: r for r in site_usage(date(2024, 3, 1), date(2024, 3, 31))}

    alt = rows["HH-ALT01"]
    assert (alt.sessions, alt.energy_kwh, alt.energy_amount, alt.idle_fees) == (
        2, Decimal("52.500"), Decimal("35.03"), Decimal("2.00"))
    assert alt.reimbursement == Decimal("15.75")
    assert rows["HH-LUE02"].sessions == 1


@pytest.mark.django_db
def test_export_site_usage_month(make_session):
    make_session("DE*VPK*E0101*1", local(2024, 2, 10), energy_wh=5_000)
    make_session("DE*VPK*E0101*1", local(2024, 3, 10), energy_wh=11_000)
    out = StringIO()
    call_command("export_site_usage", "--month", "2024-03", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("site,name,host,sessions,energy_kwh")
    assert lines[1].startswith("HH-ALT01,Altona Parkhaus,Parkhaus Altona GmbH,1,11.000,")
    assert len(lines) == 2


@pytest.mark.django_db
def test_export_site_usage_to_file(make_session, tmp_path):
    make_session("DE*VPK*E0201*1", local(2024, 3, 3), energy_wh=9_000)
    path = tmp_path / "usage.csv"
    out = StringIO()
    call_command("export_site_usage", "--from", "2024-03-01", "--to", "2024-03-15", "--site", "hh-lue02",
                 "--output", str(path), stdout=out)
    assert "1 session(s), 9.000 kWh" in out.getvalue()
    assert "HH-LUE02" in path.read_text()


@pytest.mark.django_db
def test_export_site_usage_option_errors(sites):
    with pytest.raises(CommandError, match="either --month or --from/--to"):
        call_command("export_site_usage", "--month", "2024-03", "--from", "2024-03-01")
    with pytest.raises(CommandError, match="both --from and --to"):
        call_command("export_site_usage", "--from", "2024-03-01")
    with pytest.raises(CommandError, match="unknown site"):
        call_command("export_site_usage", "--month", "2024-03", "--site", "XX")


@pytest.mark.django_db
def test_daily_utilisation(make_session):
    make_session("DE*VPK*E0101*1", local(2024, 3, 12, 10), minutes=60)
    make_session("DE*VPK*E0101*1", local(2024, 3, 12, 23, 30), minutes=30)
    make_session("DE*VPK*E0102*1", local(2024, 3, 13, 9), minutes=45)
    out = StringIO()
    call_command("daily_utilisation", "--date", "2024-03-12", stdout=out)
    text = out.getvalue()
    assert "DE*VPK*E0101*1         2 session(s)" in text
    assert "2024-03-12: 3 charger(s), 2 without sessions" in text
