from decimal import Decimal

import pytest

from rewards.jobs.export_receipts import run_export_receipts
from rewards.models import StoreDailySales

from .conftest import DAY


@pytest.mark.django_db
def test_store_sales_summary(spark, stores, write_receipts, tmp_path):
    folder = write_receipts([
        ("R1", "MAN01", "1", "6340001", "2024-11-29 09:05:00", "23.80", "4.50"),
        ("R2", "MAN01", "2", "", "2024-11-29 09:06:00", "6.20", ""),
        ("R3", "LIV02", "1", "6340002", "2024-11-29 12:00:00", "10.00", ""),
        ("R4", "XXX99", "1", "", "2024-11-29 12:00:00", "1.00", ""),
    ])

    written = run_export_receipts(spark, DAY, folder, output_path=tmp_path / "export")

    assert written == 2
    man = StoreDailySales.objects.get(store=stores["MAN01"], business_date=DAY)
    assert (man.receipts, man.member_receipts) == (2, 1)
    assert (man.revenue, man.member_revenue) == (Decimal("30.00"), Decimal("23.80"))
    assert spark.read.parquet(str(tmp_path / "export")).count() == 3


@pytest.mark.django_db
def test_rerun_updates_rows(spark, stores, write_receipts):
    first = write_receipts([("R1", "STK03", "1", "", "2024-11-29 09:05:00", "5.00", "")], name="first")
    run_export_receipts(spark, DAY, first)
    second = write_receipts([
        ("R1", "STK03", "1", "", "2024-11-29 09:05:00", "5.00", ""),
        ("R2", "STK03", "1", "6340009", "2024-11-29 19:05:00", "7.50", ""),
    ], name="second")
    run_export_receipts(spark, DAY, second)

    row = StoreDailySales.objects.get(store=stores["STK03"])
    assert (row.receipts, row.revenue) == (2, Decimal("12.50"))
