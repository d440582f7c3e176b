from decimal import Decimal

import pytest

from tenancies.spreadsheet import RowError, SpreadsheetError, parse_fee, parse_member_no, read_rows


@pytest.mark.parametrize("raw, expected", [
    ("85.50", Decimal("85.50")),
    ("85,50", Decimal("85.50")),
    ("€ 85,50", Decimal("85.50")),
    ("1.085,00", Decimal("1085.00")),
    ("120", Decimal("120.00")),
    ("42,5 EUR", Decimal("42.50")),
])
def test_parse_fee(raw, expected):
    assert parse_fee(raw) == expected


@pytest.mark.parametrize("raw", ["", "frei", "85,5,0", "NaN"])
def test_parse_fee_rejects_garbage(raw):
    with pytest.raises(RowError):
        parse_fee(raw)


def test_parse_member_no():
    assert parse_member_no("") is None
    assert parse_member_no(" #412 ") == 412
    with pytest.raises(RowError):
        parse_member_no("M-412")


def test_read_rows_semicolon_export_with_bom(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "\ufeffPlot;Member_No;First_Name;Last_Name;Email;Phone;Fee\n"
        "LH-001;412;Helga;Brandt;;;85,00\n"
        ";;;;;;\n"
        "LH-002;;Jonas;Weber;jonas@example.org;;42,50\n",
        encoding="utf-8",
    )
    rows = read_rows(path)
    assert [(r.line, r.plot, r.member_no, r.is_new_member) for r in rows] == [
        (2, "LH-001", "412", False),
        (4, "LH-002", "", True),
    ]


def test_read_rows_comma_separated(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("plot,member_no,first_name,last_name,email,phone,fee\n"
                    'WT-001,,Eva,Klein,,,"120,00"\n', encoding="utf-8")
    (row,) = read_rows(path)
    assert (row.plot, row.last_name, row.fee) == ("WT-001", "Klein", "120,00")


def test_read_rows_missing_columns(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("plot;name;fee\nLH-001;Brandt;85\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError, match="member_no"):
        read_rows(path)
