import csv
from datetime import date

import pytest

from members.models import Member, Store

DAY = date(2024, 11, 29)
RECEIPT_FIELDS = ["receipt_id", "store_code", "till", "card_number", "purchased_at", "total_amount", "bonus_amount"]


@pytest.fixture(scope="session")
def spark():
    from rewards.spark import build_spark_session

    session = build_spark_session("freshmart-tests", master="local[2]")
    yield session
    session.stop()


@pytest.fixture
def write_receipts(tmp_path):
    """Write receipts (tuples in RECEIPT_FIELDS order) as a day folder of CSV files, one per store."""
    def _write(rows, name="receipts"):
        folder = tmp_path / name
        folder.mkdir()
        by_store = {}
        for row in rows:
            by_store.setdefault(row[1], []).append(row)
        for store, store_rows in by_store.items():
            with open(folder / f"{store}.csv", "w", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(RECEIPT_FIELDS)
                writer.writerows(store_rows)
        return folder
    return _write


@pytest.fixture
def stores(db):
    return {
        code: Store.objects.create(code=code, name=name, region="North West")
        for code, name in [("MAN01", "Manchester Piccadilly"), ("LIV02", "Liverpool Bold St"), ("STK03", "Stockport")]
    }


@pytest.fixture
def make_member(db):
    def _make(card_number, **kwargs):
        kwargs.setdefault("first_name", "Alex")
        kwargs.setdefault("last_name", "Morgan")
        return Member.objects.create(card_number=card_number, **kwargs)
    return _make
