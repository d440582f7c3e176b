"""Acceptance tests: `allotments.py import-tenancies` is all-or-nothing. A file with a bad row
anywhere leaves the register exactly as it was, so the treasurer can fix the sheet and simply run
the import again; a good file imports completely."""
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from plots.models import Plot, Site
from tenancies.models import Tenancy, Tenant

HEADER = "plot;member_no;first_name;last_name;email;phone;fee"

GOOD_ROWS = [
    "LH-001;412;Helga;Brandt;;0621 990011;85,00",
    "LH-002;;Jonas;Weber;jonas.weber@example.org;;42,50",
    "LH-003;;Mira;Schulte;;0176 2223344;85,00",
    "WT-001;;Eva;Klein;;;120",
    "WT-002;;Deniz;Arslan;deniz@example.org;;60,00",
    "WT-003;;Paul;Vogt;;;120,00",
]


@pytest.fixture
def app():
    from scripts.allotments import app as cli_app

    return cli_app


@pytest.fixture
def register(db):
    lindenhof = Site.objects.create(code="LH", name="Lindenhof")
    wasserturm = Site.objects.create(code="WT", name="Am Wasserturm")
    for n in range(1, 5):
        Plot.objects.create(site=lindenhof, number=f"LH-{n:03d}", area_m2=300, standard_fee=Decimal("85.00"))
    for n in range(1, 4):
        Plot.objects.create(site=wasserturm, number=f"WT-{n:03d}", area_m2=400, standard_fee=Decimal("120.00"))
    member = Tenant.objects.create(member_no=412, first_name="Helga", last_name="Brandt",
                                   email="h.brandt@example.org", phone="0621 448812")
    return member


def write(tmp_path, rows, name="tenancies-2025.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def run_import(app, path, season=2025):
    return CliRunner().invoke(app, ["import-tenancies", str(path), "--season", str(season)])


def snapshot():
    tenants = sorted(Tenant.objects.values_list("member_no", "first_name", "last_name", "email", "phone"))
    tenancies = sorted(Tenancy.objects.values_list("plot__number", "season", "tenant__member_no", "annual_fee"))
    return tenants, tenancies


def assert_fully_imported():
    tenancies = Tenancy.objects.filter(season=2025)
    assert tenancies.count() == len(GOOD_ROWS)
    assert sorted(tenancies.values_list("plot__number", flat=True)) == [
        "LH-001", "LH-002", "LH-003", "WT-001", "WT-002", "WT-003"]
    assert Tenant.objects.count() == len(GOOD_ROWS)  # Helga existed, five new members
    names = list(Tenant.objects.values_list("last_name", flat=True))
    assert len(names) == len(set(names)), names
    assert len(set(Tenant.objects.values_list("member_no", flat=True))) == len(GOOD_ROWS)
    assert tenancies.get(plot__number="LH-001").tenant.member_no == 412
    assert tenancies.get(plot__number="WT-002").annual_fee == Decimal("60.00")
    assert Tenant.objects.get(member_no=412).phone == "0621 990011"


@pytest.mark.django_db
def test_good_file_imports_every_row(app, register, tmp_path):
    result = run_import(app, write(tmp_path, GOOD_ROWS))

    assert result.exit_code == 0, result.output
    assert_fully_imported()


@pytest.mark.django_db
def test_unknown_plot_in_the_middle_writes_nothing(app, register, tmp_path):
    rows = GOOD_ROWS[:3] + ["LH-099;;Karl;Richter;;;85,00"] + GOOD_ROWS[3:]
    before = snapshot()

    result = run_import(app, write(tmp_path, rows))

    assert result.exit_code != 0, result.output
    assert "LH-099" in result.output
    assert snapshot() == before
    assert not Tenancy.objects.exists()


@pytest.mark.django_db
def test_fee_failing_validation_writes_nothing(app, register, tmp_path):
    rows = list(GOOD_ROWS)
    rows[4] = "WT-002;;Deniz;Arslan;deniz@example.org;;6,00"  # below the concession minimum
    before = snapshot()

    result = run_import(app, write(tmp_path, rows))

    assert result.exit_code != 0, result.output
    assert snapshot() == before
    assert not Tenant.objects.filter(last_name__in=["Weber", "Schulte", "Klein", "Arslan"]).exists()


@pytest.mark.django_db
def test_unreadable_fee_in_last_row_writes_nothing(app, register, tmp_path):
    rows = GOOD_ROWS[:-1] + ["WT-003;;Paul;Vogt;;;hundert"]
    before = snapshot()

    result = run_import(app, write(tmp_path, rows))

    assert result.exit_code != 0, result.output
    assert snapshot() == before


@pytest.mark.django_db
def test_rerun_after_fixing_the_file_imports_cleanly(app, register, tmp_path):
    bad = GOOD_ROWS[:3] + ["LH-099;;Karl;Richter;;;85,00"] + GOOD_ROWS[3:]
    first = run_import(app, write(tmp_path, bad, name="first-try.csv"))
    assert first.exit_code != 0, first.output

    second = run_import(app, write(tmp_path, GOOD_ROWS, name="fixed.csv"))

    assert second.exit_code == 0, second.output
    assert_fully_imported()
    assert not Tenant.objects.filter(last_name="Richter").exists()
