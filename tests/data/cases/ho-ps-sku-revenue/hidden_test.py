"""Acceptance: web orders and till sales are combined by column name; the web shop shows up as store WEB."""
import json
from datetime import date

import pytest

from analytics.jobs.sku_revenue import run

TILL = "sale_id,store_id,sku,quantity,unit_price,sold_at\nT1,LDN1,TEA-100,2,3.50,2024-05-06 09:12:00\n"
WEB = [
    {"line_id": "W1", "sku": "TEA-100", "qty": 3, "price": 3.5, "paid_at": "2024-05-06 12:00:00"},
    {"line_id": "W2", "sku": "MUG-220", "qty": 1, "price": 8.0, "paid_at": "2024-05-06 13:00:00"},
]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("sku-revenue-acceptance")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.conf.set("spark.sql.session.timeZone", "UTC")
    return session


def test_web_and_till_sales_by_store_and_sku(spark, tmp_path):
    till = tmp_path / "till"
    till.mkdir()
    (till / "LDN1.csv").write_text(TILL)
    web = tmp_path / "web"
    web.mkdir()
    (web / "part-0.json").write_text("\n".join(json.dumps(o) for o in WEB) + "\n")
    out = str(tmp_path / "out")

    run(spark, str(till), str(web), out)

    rows = {(r["day"], r["store_id"], r["sku"]): (r["units"], r["revenue"]) for r in spark.read.parquet(out).collect()}
    assert rows == {
        (date(2024, 5, 6), "LDN1", "TEA-100"): (2, 7.0),
        (date(2024, 5, 6), "WEB", "TEA-100"): (3, 10.5),
        (date(2024, 5, 6), "WEB", "MUG-220"): (1, 8.0),
    }
