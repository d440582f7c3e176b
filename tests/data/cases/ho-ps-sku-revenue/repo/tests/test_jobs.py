from datetime import date

from analytics.jobs.returns_rate import returns_by_sku
from analytics.jobs.sku_revenue import all_sales, load_till_sales, revenue_by_sku
from tests.conftest import DATA


def test_till_sales_revenue(spark):
    sales = all_sales([load_till_sales(spark, str(DATA / "till_sample.csv"))])
    rows = {(r["store_id"], r["sku"]): (r["units"], r["revenue"]) for r in revenue_by_sku(sales).collect()}
    assert rows == {("LDN1", "TEA-100"): (2, 7.0), ("LDN1", "MUG-220"): (1, 8.0), ("MAN1", "TEA-100"): (1, 3.5)}
    assert {r["day"] for r in revenue_by_sku(sales).collect()} == {date(2024, 5, 6)}


def test_returns_by_sku(spark):
    till = spark.createDataFrame([("TEA-100", "LDN1", 1), ("MUG-220", "MAN1", 2)], ["sku", "store_id", "returned_units"])
    web = spark.createDataFrame([(3, "WEB", "TEA-100")], ["returned_units", "store_id", "sku"])
    rows = {r["sku"]: r["returned_units"] for r in returns_by_sku(till, web).collect()}
    assert rows == {"TEA-100": 4, "MUG-220": 2}
