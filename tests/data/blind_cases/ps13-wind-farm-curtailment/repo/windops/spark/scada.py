"""Reading the SCADA 10-minute exports."""
from datetime import date

from django.conf import settings
from pyspark.sql.types import DoubleType, IntegerType, StringType, StructField, StructType, TimestampType

INTERVAL_MINUTES = 10

SCADA_SCHEMA = StructType([
    StructField("ts", TimestampType(), False),          # start of the interval, UTC
    StructField("scada_tag", StringType(), False),
    StructField("wind_speed_ms", DoubleType(), True),
    StructField("active_power_kw", DoubleType(), True),
    StructField("status_code", IntegerType(), True),
])


def export_path(day: date):
    return settings.SCADA_EXPORT_ROOT / f"scada_{day:%Y%m%d}.csv"


def read_scada(spark, path):
    return (
        spark.read.csv(str(path), header=True, schema=SCADA_SCHEMA, timestampFormat="yyyy-MM-dd HH:mm:ss")
        .dropna(subset=["ts", "scada_tag"])
        .dropDuplicates(["ts", "scada_tag"])
    )


def turbine_frame(spark):
    """Active turbines as a small DataFrame: scada_tag, turbine_id, farm_id, model_code."""
    from fleet.models import Turbine

    rows = [
        (t.scada_tag, t.pk, t.farm_id, t.model.code)
        for t in Turbine.objects.filter(active=True).select_related("model")
    ]
    return spark.createDataFrame(rows, "scada_tag string, turbine_id long, farm_id long, model_code string")
