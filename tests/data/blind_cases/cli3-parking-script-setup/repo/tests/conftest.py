import pytest

from meters.models import Meter, Zone

CSV_HEADER = "meter,collected_on,canister,coins,card\n"


@pytest.fixture
def meters(db):
    z1 = Zone.objects.create(code="Z1", name="Town centre", hourly_rate_pence=250)
    z3 = Zone.objects.create(code="Z3", name="Old Town residents", hourly_rate_pence=120, residents_only=True)
    return {
        "HG-0101": Meter.objects.create(number="HG-0101", zone=z1, street="High Street"),
        "HG-0102": Meter.objects.create(number="HG-0102", zone=z1, street="Market Place", accepts_card=False),
        "HG-0301": Meter.objects.create(number="HG-0301", zone=z3, street="Abbey Road"),
    }


@pytest.fixture
def counting_csv(tmp_path):
    def _write(*lines):
        path = tmp_path / "collections.csv"
        path.write_text(CSV_HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
        return str(path)
    return _write
