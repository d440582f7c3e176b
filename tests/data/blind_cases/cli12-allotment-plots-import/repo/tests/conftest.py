from decimal import Decimal

import pytest
from typer.testing import CliRunner

from plots.models import Plot, Site
from tenancies.models import Tenant

HEADER = "plot;member_no;first_name;last_name;email;phone;fee"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def cli_app():
    from scripts.allotments import app

    return app


@pytest.fixture
def plots(db):
    lindenhof = Site.objects.create(code="LH", name="Lindenhof", address="Lindenstraße 40")
    wasserturm = Site.objects.create(code="WT", name="Am Wasserturm", address="Turmweg 3")
    created = {}
    for n in range(1, 7):
        created[f"LH-{n:03d}"] = Plot.objects.create(site=lindenhof, number=f"LH-{n:03d}", area_m2=250 + n * 10,
                                                     standard_fee=Decimal("85.00"), has_shed=n % 2 == 0)
    for n in range(1, 4):
        created[f"WT-{n:03d}"] = Plot.objects.create(site=wasserturm, number=f"WT-{n:03d}", area_m2=400,
                                                     standard_fee=Decimal("120.00"))
    created["WT-900"] = Plot.objects.create(site=wasserturm, number="WT-900", area_m2=150,
                                            standard_fee=Decimal("0.00"), is_lettable=False,
                                            notes="Association's compost and tool shed")
    return created


@pytest.fixture
def member(db):
    return Tenant.objects.create(member_no=412, first_name="Helga", last_name="Brandt",
                                 email="h.brandt@example.org", phone="0621 448812")


@pytest.fixture
def write_csv(tmp_path):
    def _write(*lines, name="tenancies.csv", header=HEADER):
        path = tmp_path / name
        path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
        return path
    return _write
