"""Reading the till receipts the stores upload every night."""
from django.conf import settings
from pyspark.sql import DataFrame, functions as F
from pyspark.sql.types import (
    DecimalType,
    IntegerType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

MONEY = DecimalType(10, 2)

RECEIPT_SCHEMA = StructType([
    StructField("receipt_id", StringType(), False),
    StructField("store_code", StringType(), False),
    StructField("till", IntegerType(), True),
    StructField("card_number", StringType(), True),
    StructField("purchased_at", TimestampType(), False),
    StructField("total_amount", MONEY, False),
    StructField("bonus_amount", MONEY, True),
])


def receipts_path_for(business_date):
    return settings.RECEIPTS_PATH.format(date=business_date)


def read_receipts(spark, path) -> DataFrame:
    """Load one day of receipts (a CSV folder/file, or parquet) and normalise it.

    Tills re-send a receipt when the upload is retried, so receipts are
    de-duplicated on receipt_id. Anonymous purchases have an empty card number.
    """
    path = str(path)
    if path.rstrip("/").endswith(".parquet"):
        df = spark.read.schema(RECEIPT_SCHEMA).parquet(path)
    else:
        df = spark.read.csv(path, header=True, schema=RECEIPT_SCHEMA, mode="DROPMALFORMED")

    card = F.trim(F.col("card_number"))
    return (
        df.dropDuplicates(["receipt_id"])
        .withColumn("card_number", F.when(card == "", F.lit(None)).otherwise(card))
        .withColumn("bonus_amount", F.coalesce(F.col("bonus_amount"), F.lit(0).cast(MONEY)))
        .withColumn("store_code", F.upper(F.trim(F.col("store_code"))))
    )
