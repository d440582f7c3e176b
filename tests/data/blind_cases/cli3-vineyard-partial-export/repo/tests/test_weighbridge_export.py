import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from harvest.exporting import WeighbridgeExport, day_totals


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.django_db
def test_export_writes_priced_tickets_of_the_local_day(ticket, export_dirs):
    ticket(1001, "KEL/S1", 7, 21000)
    ticket(1002, "HOV/R1", 9, 15500, baume="11.8")
    ticket(1003, "KEL/G2", 23, 12000, day=(2024, 3, 11))
    ticket(1004, "KEL/S1", 10, 20000, void=True)

    out = StringIO()
    call_command("export_weighbridge", "--date", "2024-03-12", stdout=out)

    path = export_dirs.EXPORT_OUTBOX / "weighbridge-2024-03-12.csv"
    assert "wrote 2 ticket(s)" in out.getvalue()
    rows = read_rows(path)
    assert [r["ticket"] for r in rows] == ["1001", "1002"]
    assert rows[0]["amount"] == "29400.00"  # 12.000 t x 2450
    assert rows[1]["baume"] == "11.8" and rows[1]["grower_code"] == "HOV"


@pytest.mark.django_db
def test_missing_price_aborts_the_export(ticket):
    ticket(1001, "KEL/S1", 7, 21000)
    ticket(1002, "KEL/G2", 8, 14000, grade="C")
    with pytest.raises(CommandError, match="no 2024 price for Grenache grade C"):
        call_command("export_weighbridge", "--date", "2024-03-12", stdout=StringIO())


@pytest.mark.django_db
def test_date_options_conflict():
    with pytest.raises(CommandError):
        call_command("export_weighbridge", "--date", "2024-03-12", "--yesterday", stdout=StringIO())


@pytest.mark.django_db
def test_day_totals(ticket):
    from datetime import date
    ticket(1001, "KEL/S1", 7, 21000)
    ticket(1002, "KEL/S1", 8, 19000, grade="B")
    assert day_totals(date(2024, 3, 12)) == {"KEL": (22000, 29400 + 18000)}
    assert WeighbridgeExport(date(2024, 3, 12)).filename == "weighbridge-2024-03-12.csv"
