import pytest

from donors.deferrals import defer
from inventory.intake import RowError, parse_row, read_drive_file, receive_units
from inventory.models import Unit


def row(**kw):
    base = {"din": "W0361 24 000101", "donor_code": "D-100001", "abo": "O", "rh": "NEG", "component": "RBC",
            "volume_ml": "280", "collected_at": "2024-05-14T10:20:00"}
    base.update(kw)
    return base


def test_parse_row_normalises():
    rec = parse_row(row(din="w0361  24 000101", rh="-", abo="o", donor_code="d-100001"))
    assert (rec.din, rec.abo, rec.rh, rec.donor_code) == ("W0361 24 000101", "O", "-", "D-100001")


@pytest.mark.parametrize("bad", [
    {"din": "12345"}, {"abo": "C"}, {"rh": "maybe"}, {"component": "WB"}, {"volume_ml": "lots"},
    {"volume_ml": "900"}, {"collected_at": "14/05/2024"}, {"donor_code": "  "},
])
def test_parse_row_rejects(bad):
    with pytest.raises(RowError):
        parse_row(row(**bad))


@pytest.mark.django_db
def test_receive_rejects_bad_rows_and_skips_duplicates(site, donors):
    rows = [(2, row()), (3, row(din="W0361 24 000102", volume_ml="")), (4, row()),
            (5, {k: "" for k in row()})]
    report = receive_units(rows, site)
    assert report.received == ["W0361 24 000101"]
    assert report.duplicates == ["W0361 24 000101"]
    assert report.rejected == [(3, "bad volume ''")]
    assert Unit.objects.count() == 1


@pytest.mark.django_db
def test_deferred_or_mismatched_donor_units_are_held(site, donors):
    defer(donors["D-100002"], "travel", starts_on=parse_row(row()).collected_at.date())
    rows = [
        (2, row(din="W0361 24 000201", donor_code="D-100002", abo="A", rh="POS")),
        (3, row(din="W0361 24 000202", donor_code="D-100001", abo="A", rh="POS")),
        (4, row(din="W0361 24 000203", donor_code="D-100003", abo="B", rh="POS")),
    ]
    report = receive_units(rows, site)
    assert report.quarantined == ["W0361 24 000201", "W0361 24 000202"]
    assert report.received == ["W0361 24 000203"]
    assert "deferred" in Unit.objects.get(din="W0361 24 000201").hold_reason


def test_missing_column(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("din,donor_code\nW0361 24 000101,D-1\n")
    with path.open() as fh, pytest.raises(RowError):
        list(read_drive_file(fh))
