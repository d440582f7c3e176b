"""Weekly returns rate per SKU (till returns + web returns), read by the buying team."""
from pyspark.sql import functions as F

RETURN_COLUMNS = ["sku", "store_id", "returned_units"]


def load_returns(spark, path, channel):
    df = spark.read.option("header", True).csv(path)
    return df.select(
        "sku",
        F.coalesce(F.col("store_id"), F.lit(channel)).alias("store_id"),
        F.col("units").cast("int").alias("returned_units"),
    )


def returns_by_sku(till_returns, web_returns):
    returns = till_returns.select(*RETURN_COLUMNS).union(web_returns.select(*RETURN_COLUMNS))
    return returns.groupBy("sku").agg(F.sum("returned_units").alias("returned_units"))
