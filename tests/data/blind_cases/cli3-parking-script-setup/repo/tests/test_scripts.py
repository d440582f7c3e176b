from datetime import date

import pytest

import export_permit_roster
import import_collections
from meters.models import Collection
from permits.models import Permit


@pytest.mark.django_db
def test_import_collections_main(meters, counting_csv, capsys):
    path = counting_csv("HG-0101,2024-04-08,C17,12.40,30.00", "HG-0301,2024-04-08,C02,5.00,")
    assert import_collections.main([path]) == 0
    out = capsys.readouterr().out
    assert "imported 2 collection(s): coins £17.40, card £30.00; 0 already imported, 0 error(s)" in out
    assert Collection.objects.count() == 2


@pytest.mark.django_db
def test_import_collections_reports_bad_lines(meters, counting_csv, capsys):
    path = counting_csv("HG-0101,08/04/2024,C17,12.40,30.00")
    assert import_collections.main([path, "--dry-run"]) == 1
    captured = capsys.readouterr()
    assert "line 2: bad date '08/04/2024'" in captured.err
    assert "would import 0 collection(s)" in captured.out


@pytest.mark.django_db
def test_import_collections_missing_file(meters, tmp_path, capsys):
    assert import_collections.main([str(tmp_path / "nope.csv")]) == 2


@pytest.mark.django_db
def test_export_permit_roster(meters, tmp_path, capsys):
    zone = meters["HG-0301"].zone
    for number, plate, status in [("P-1", "ab12 cde", Permit.Status.ACTIVE), ("P-2", "XY99ZZZ", Permit.Status.REVOKED)]:
        Permit.objects.create(number=number, zone=zone, holder_name="R", address="1 Abbey Rd", plate=plate,
                              valid_from=date(2024, 1, 1), valid_until=date(2024, 12, 31), status=status)
    out = tmp_path / "z3.csv"
    assert export_permit_roster.main(["--zone", "z3", "--on", "2024-04-08", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == ["plate,permit,valid_until", "AB12CDE,P-1,2024-12-31"]
    assert export_permit_roster.main(["--zone", "Z9"]) == 2
