from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from tenancies.models import Tenancy


@pytest.fixture
def season_2025(plots, member):
    Tenancy.objects.create(plot=plots["LH-001"], tenant=member, season=2025, annual_fee=Decimal("85.00"),
                           fee_paid_on=date(2025, 3, 1), renews=True)
    Tenancy.objects.create(plot=plots["WT-002"], tenant=member, season=2025, annual_fee=Decimal("60.00"),
                           renews=True)
    Tenancy.objects.create(plot=plots["LH-004"], tenant=member, season=2025, annual_fee=Decimal("85.00"))


@pytest.mark.django_db
def test_vacancies_lists_free_lettable_plots(runner, cli_app, season_2025):
    result = runner.invoke(cli_app, ["vacancies", "--season", "2025", "--site", "lh"])

    assert result.exit_code == 0, result.output
    assert "4 vacant plots in 2025" in result.output
    assert "LH-001" not in result.output and "LH-004" not in result.output
    assert "WT-" not in result.output


@pytest.mark.django_db
def test_vacancies_skips_association_plots(runner, cli_app, season_2025):
    result = runner.invoke(cli_app, ["vacancies", "--season", "2025"])
    assert "WT-900" not in result.output
    assert "6 vacant plots" in result.output


@pytest.mark.django_db
def test_fees_summary(runner, cli_app, season_2025):
    result = runner.invoke(cli_app, ["fees", "--season", "2025"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split() == ["LH", "2", "170.00", "85.00", "85.00", "0"]
    assert lines[2].split() == ["WT", "1", "60.00", "0.00", "60.00", "1"]
    assert lines[3].split() == ["total", "3", "230.00", "85.00", "145.00", "1"]


@pytest.mark.django_db
def test_roll_over_season_copies_renewals(plots, season_2025):
    out = StringIO()
    call_command("roll_over_season", "2025", "2026", stdout=out)
    call_command("roll_over_season", "2025", "2026", stdout=out)

    next_season = Tenancy.objects.filter(season=2026).order_by("plot__number")
    assert [(t.plot.number, t.annual_fee) for t in next_season] == [
        ("LH-001", Decimal("85.00")),
        ("WT-002", Decimal("60.00")),
    ]
    assert "0 tenancies rolled over, 2 already present" in out.getvalue()
