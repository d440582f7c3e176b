from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from boarding.management.commands.import_arrivals import valid_imo
from boarding.models import PilotBooking, ShipArrival

CSV = """vessel_name,imo,call_sign,loa,draught,eta,station
MAERSK HALIFAX,9458080,OZDM2,199.9,11.2,2024-05-14T16:00:00,OUTER
MSC OSCAR,IMO 9632179,3FWX8,395.4,16.0,2024-05-14T21:30:00+00:00,OUTER
RIJNDELTA,9187058,PDRJ,135,6.1,2024-05-15T02:00:00,INNER
"""


@pytest.fixture
def notices(tmp_path):
    path = tmp_path / "notices.csv"
    path.write_text(CSV)
    return str(path)


def test_imo_check_digit():
    assert valid_imo("9458080")
    assert valid_imo("9632179")
    assert not valid_imo("9187058")
    assert not valid_imo("12345")


@pytest.mark.django_db
def test_import_skips_bad_rows_and_is_rerunnable(notices):
    out, err = StringIO(), StringIO()
    call_command("import_arrivals", notices, stdout=out, stderr=err)
    assert "2 created, 0 updated, 1 skipped" in out.getvalue()
    assert "invalid IMO number" in err.getvalue()
    call_command("import_arrivals", notices, stdout=StringIO(), stderr=StringIO())
    assert ShipArrival.objects.count() == 2
    halifax = ShipArrival.objects.get(imo_number="9458080")
    assert halifax.eta.isoformat() == "2024-05-14T14:00:00+00:00"  # 16:00 CEST


@pytest.mark.django_db
def test_import_can_book_pilots(notices, pilots):
    out = StringIO()
    call_command("import_arrivals", notices, "--book", stdout=out, stderr=StringIO())
    assert PilotBooking.objects.count() == 2
    assert "2 pilots booked" in out.getvalue()


def test_missing_file():
    with pytest.raises(CommandError):
        call_command("import_arrivals", "/nonexistent.csv")
