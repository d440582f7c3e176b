from datetime import date, datetime
from decimal import Decimal

from rewards.points import compute_member_points
from rewards.receipts import RECEIPT_SCHEMA, read_receipts


def _receipts(spark, rows):
    return spark.createDataFrame(rows, schema=RECEIPT_SCHEMA)


def test_points_per_whole_pound_plus_bonus(spark):
    df = _receipts(spark, [
        ("R1", "MAN01", 1, "6340001", datetime(2024, 11, 29, 9, 5), Decimal("23.80"), Decimal("4.50")),
        ("R2", "MAN01", 2, "6340001", datetime(2024, 11, 29, 17, 40), Decimal("5.99"), Decimal("0.00")),
        ("R3", "LIV02", 1, "6340002", datetime(2024, 11, 29, 12, 0), Decimal("0.80"), Decimal("0.00")),
        ("R4", "LIV02", 1, None, datetime(2024, 11, 29, 12, 1), Decimal("50.00"), Decimal("0.00")),
    ])
    result = {r.card_number: r for r in compute_member_points(df).collect()}

    assert set(result) == {"6340001", "6340002"}
    assert result["6340001"].points == 23 + 4 * 2 + 5
    assert result["6340001"].receipts == 2
    assert result["6340001"].spend == Decimal("29.79")
    assert result["6340001"].last_purchase_on == date(2024, 11, 29)
    assert result["6340002"].points == 0


def test_refund_takes_points_back(spark):
    df = _receipts(spark, [
        ("R1", "STK03", 1, "6340003", datetime(2024, 11, 29, 10, 0), Decimal("40.00"), Decimal("0.00")),
        ("R2", "STK03", 1, "6340003", datetime(2024, 11, 29, 15, 0), Decimal("-12.50"), Decimal("-2.00")),
    ])
    (row,) = compute_member_points(df).collect()
    assert row.points == 40 - 12 - 4


def test_read_receipts_dedupes_and_normalises(spark, write_receipts):
    folder = write_receipts([
        ("R1", "man01", "1", " 6340001 ", "2024-11-29 09:05:00", "10.00", ""),
        ("R1", "man01", "1", " 6340001 ", "2024-11-29 09:05:00", "10.00", ""),  # till retried the upload
        ("R2", "man01", "2", "", "2024-11-29 09:06:00", "3.20", ""),
    ])
    rows = sorted(read_receipts(spark, folder).collect(), key=lambda r: r.receipt_id)

    assert [r.receipt_id for r in rows] == ["R1", "R2"]
    assert rows[0].card_number == "6340001" and rows[0].store_code == "MAN01"
    assert rows[0].bonus_amount == Decimal("0.00")
    assert rows[1].card_number is None
