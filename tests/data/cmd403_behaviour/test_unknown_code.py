"""Acceptance test for the CMD403 forms (tests/data/forms/cmd403): each import runs over rows where one
code is unknown. The rows around it must be processed and the unknown code reported (or, for the command with
no reject path, a CommandError naming the row)."""
import json
import logging
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from depot.forms.p02_rows_helper import import_store_counts
from depot.forms.p03_service_class import StockImporter
from depot.forms.p04_json_records import load_store_totals
from depot.forms.p06_related_manager import update_prices
from depot.forms.p07_shortcut import restock
from depot.forms.p10_lookup_in_create import import_positional
from depot.models import Price, Product, StockLine, Store, Supplier

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    for sku in ("A1", "B2", "C3"):
        Product.objects.create(sku=sku)
    for code in ("N", "S"):
        Store.objects.create(code=code)


def _qtys():
    return sorted(StockLine.objects.values_list("qty", flat=True))


def test_p01_command_skips_the_unknown_sku(catalog, tmp_path, capsys):
    path = tmp_path / "counts.csv"
    path.write_text("sku,qty\nA1,1\nZZ9,2\nB2,3\n")
    call_command("p01_stock_counts", str(path))
    assert _qtys() == [1, 3]
    assert "ZZ9" in capsys.readouterr().err


def test_p02_helper_rejects_the_unknown_store(catalog):
    report = SimpleNamespace(rejected=[], imported=0)
    import_store_counts([{"store": "N", "qty": "4"}, {"store": "X", "qty": "5"}, {"store": "S", "qty": "6"}], report)
    assert _qtys() == [4, 6] and report.imported == 2
    assert [n for n, _ in report.rejected] == [2] and "X" in report.rejected[0][1]


def test_p03_service_collects_the_unknown_sku(catalog):
    errors = StockImporter().run(["A1;1\n", "NOPE;2\n", "C3;3\n"])
    assert _qtys() == [1, 3]
    assert len(errors) == 1 and "NOPE" in errors[0]


def test_p04_json_logs_the_unknown_store(catalog, tmp_path, caplog):
    path = tmp_path / "totals.json"
    path.write_text(json.dumps({"lines": [{"store": "N", "qty": 7}, {"store": "Q", "qty": 8},
                                          {"store": "S", "qty": 9}]}))
    with caplog.at_level(logging.WARNING):
        load_store_totals(str(path))
    assert _qtys() == [7, 9]
    assert "Q" in caplog.text


def test_p05_command_stops_with_a_command_error_naming_the_row(catalog, tmp_path):
    path = tmp_path / "stores.csv"
    path.write_text("store\nN\nMISSING\nS\n")
    with pytest.raises(CommandError, match="row 3"):
        call_command("p05_no_reject_path", str(path))


def test_p06_related_manager_reports_the_unknown_sku():
    supplier = Supplier.objects.create(code="ACME")
    Price.objects.create(supplier=supplier, sku="A1", amount=Decimal("1.00"))
    Price.objects.create(supplier=supplier, sku="C3", amount=Decimal("3.00"))
    errors = update_prices("ACME", [{"sku": "A1", "amount": "1.50"}, {"sku": "B2", "amount": "2.50"},
                                    {"sku": "C3", "amount": "3.50"}])
    assert sorted(Price.objects.values_list("amount", flat=True)) == [Decimal("1.50"), Decimal("3.50")]
    assert len(errors) == 1 and "B2" in errors[0]


def test_p07_shortcut_skips_the_unknown_sku(catalog):
    skipped = []
    restock([{"sku": "A1", "qty": 1}, {"sku": "GONE", "qty": 2}, {"sku": "B2", "qty": 3}], skipped)
    assert _qtys() == [1, 3]
    assert len(skipped) == 1 and "GONE" in skipped[0]


def test_p09_command_warns_about_the_unknown_sku(catalog, tmp_path, capsys):
    path = tmp_path / "deliveries.txt"
    path.write_text("A1 1\nQQ 2\nC3 3\n")
    call_command("p09_active_products", str(path))
    assert _qtys() == [1, 3]
    assert "QQ" in capsys.readouterr().err


def test_p10_positional_rows_report_the_unknown_sku(catalog, tmp_path):
    path = tmp_path / "stock.csv"
    path.write_text("A1,1\nXX,2\nB2,3\n")
    errors = import_positional(str(path))
    assert _qtys() == [1, 3]
    assert len(errors) == 1 and "XX" in errors[0]


def test_p11_command_counts_the_unknown_store_as_skipped(catalog, tmp_path, capsys):
    path = tmp_path / "totals.jsonl"
    path.write_text('{"store": "N", "qty": "1"}\n{"store": "W", "qty": "2"}\n{"store": "S", "qty": "x"}\n'
                    '{"store": "S", "qty": "3"}\n')
    call_command("p11_counted_skips", str(path))
    assert _qtys() == [1, 3]
    assert "2 imported, 2 skipped" in capsys.readouterr().out
