from datetime import date

import pytest

from donors.models import Donor, Site
from inventory.models import Hospital

HEADER = "din,donor_code,abo,rh,component,volume_ml,collected_at\n"


@pytest.fixture
def site(db):
    return Site.objects.create(code="MOB2", name="Mobile unit 2", mobile=True)


@pytest.fixture
def donors(db):
    return {
        code: Donor.objects.create(code=code, first_name=first, last_name=last, date_of_birth=date(1985, 3, 2),
                                   abo=abo, rh=rh)
        for code, first, last, abo, rh in [
            ("D-100001", "Aoife", "Brennan", "O", "-"),
            ("D-100002", "Ciarán", "Ó Súilleabháin", "A", "+"),
            ("D-100003", "Marek", "Nowak", "", ""),
        ]
    }


@pytest.fixture
def hospital(db):
    return Hospital.objects.create(code="STMARY", name="St Mary's University Hospital")


@pytest.fixture
def drive_file(tmp_path):
    def _write(*lines, name="drive.csv"):
        path = tmp_path / name
        path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
        return path
    return _write
