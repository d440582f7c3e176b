"""Phase picks exported by the real-time picker (one CSV per day, header row)."""
from pyspark.sql import functions as F
from pyspark.sql import types as T

PICK_SCHEMA = T.StructType([
    T.StructField("pick_id", T.StringType()),
    T.StructField("network", T.StringType()),
    T.StructField("station", T.StringType()),
    T.StructField("location", T.StringType()),
    T.StructField("channel", T.StringType()),
    T.StructField("phase", T.StringType()),
    T.StructField("pick_time", T.TimestampType()),
    T.StructField("snr", T.DoubleType()),
    T.StructField("amplitude", T.DoubleType()),     # peak amplitude in raw counts
    T.StructField("residual_s", T.DoubleType()),    # travel-time residual; empty when not associated
    T.StructField("evaluation_mode", T.StringType()),
    T.StructField("author", T.StringType()),
])


def load_picks(spark, path, day=None):
    """Picks of ``day`` (all picks when day is None) with a ``station_id`` column ``NET.STA``."""
    df = (
        spark.read.option("header", True)
        .option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX")
        .schema(PICK_SCHEMA)
        .csv(path)
        .where(F.col("pick_id").isNotNull())
        .withColumn("station_id", F.concat_ws(".", "network", "station"))
        .withColumn("phase", F.upper(F.substring("phase", 1, 1)))
    )
    if day is not None:
        df = df.where(F.to_date("pick_time") == F.lit(day))
    return df
