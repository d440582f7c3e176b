from decimal import Decimal

import pytest

from tenancies.models import Tenancy, Tenant


@pytest.mark.django_db
def test_import_creates_tenancies_and_new_members(runner, cli_app, plots, member, write_csv):
    path = write_csv(
        "LH-001;412;Helga;Brandt;;0621 990011;85,00",
        "LH-002;;Jonas;Weber;jonas.weber@example.org;;42,50",
        "WT-001;;Eva;Klein;;0176 5551234;120",
    )
    result = runner.invoke(cli_app, ["import-tenancies", str(path), "--season", "2025"])

    assert result.exit_code == 0, result.output
    assert "Imported 3 tenancies for season 2025." in result.output
    assert Tenancy.objects.filter(season=2025).count() == 3
    weber = Tenant.objects.get(last_name="Weber")
    assert weber.member_no == 1000
    assert Tenant.objects.get(last_name="Klein").member_no == 1001
    assert Tenancy.objects.get(plot=plots["LH-002"], season=2025).annual_fee == Decimal("42.50")
    member.refresh_from_db()
    assert member.phone == "0621 990011"
    assert member.email == "h.brandt@example.org"


@pytest.mark.django_db
def test_import_reports_unknown_plot(runner, cli_app, plots, write_csv):
    path = write_csv("LH-077;;Jonas;Weber;;;85,00")
    result = runner.invoke(cli_app, ["import-tenancies", str(path), "--season", "2025"])

    assert result.exit_code == 1
    assert "row 2: unknown plot 'LH-077'" in result.output


@pytest.mark.django_db
def test_import_rejects_fee_below_concession(runner, cli_app, plots, member, write_csv):
    path = write_csv("LH-003;412;Helga;Brandt;;;30,00")
    result = runner.invoke(cli_app, ["import-tenancies", str(path), "--season", "2025"])

    assert result.exit_code == 1
    assert "below the concession minimum 42.50" in result.output


@pytest.mark.django_db
def test_import_rejects_plot_not_lettable(runner, cli_app, plots, member, write_csv):
    path = write_csv("WT-900;412;Helga;Brandt;;;0")
    result = runner.invoke(cli_app, ["import-tenancies", str(path), "--season", "2025"])

    assert result.exit_code == 1
    assert "not lettable" in result.output


@pytest.mark.django_db
def test_import_refuses_file_without_columns(runner, cli_app, plots, write_csv):
    path = write_csv("LH-001;Brandt;85", header="plot;name;fee")
    result = runner.invoke(cli_app, ["import-tenancies", str(path), "--season", "2025"])

    assert result.exit_code == 2
    assert "missing column(s)" in result.output
