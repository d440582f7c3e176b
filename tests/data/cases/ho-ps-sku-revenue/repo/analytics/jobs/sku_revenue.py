"""Daily revenue per store and SKU, from every sales channel.

Inputs for one day:
  * till sales: CSV with header, one file per store, uploaded by the tills at close
  * web orders: JSON lines from the web shop's order service (one line per order line)

Output: parquet, one row per (day, store_id, sku) with units and revenue; loaded into SkuRevenue.
"""
from functools import reduce

from pyspark.sql import functions as F

SALE_COLUMNS = ["sale_id", "store_id", "sku", "quantity", "unit_price", "sold_at"]


def load_till_sales(spark, path):
    df = spark.read.option("header", True).csv(path)
    return df.select(
        "sale_id",
        "store_id",
        "sku",
        F.col("quantity").cast("int").alias("quantity"),
        F.col("unit_price").cast("double").alias("unit_price"),
        F.to_timestamp("sold_at").alias("sold_at"),
    )


def load_web_orders(spark, path):
    df = spark.read.json(path)
    return df.select(
        F.col("line_id").alias("sale_id"),
        F.col("sku"),
        F.lit("WEB").alias("store_id"),
        F.col("qty").cast("int").alias("quantity"),
        F.col("price").cast("double").alias("unit_price"),
        F.to_timestamp("paid_at").alias("sold_at"),
    )


def all_sales(frames):
    """Every channel's sales as one DataFrame."""
    return reduce(lambda left, right: left.unionAll(right), frames)


def revenue_by_sku(sales):
    return (
        sales.groupBy(F.to_date("sold_at").alias("day"), "store_id", "sku")
        .agg(F.sum("quantity").alias("units"), F.round(F.sum(F.col("quantity") * F.col("unit_price")), 2).alias("revenue"))
    )


def run(spark, till_path, web_path, out_path):
    sales = all_sales([load_till_sales(spark, till_path), load_web_orders(spark, web_path)])
    result = revenue_by_sku(sales.dropDuplicates(["sale_id"]))
    result.write.mode("overwrite").parquet(out_path)
    return result.count()
