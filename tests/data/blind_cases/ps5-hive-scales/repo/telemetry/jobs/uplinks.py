"""Parser for the LoRaWAN network server's uplink dump (one JSON message per line, one folder per day).

A message looks like::

    {"end_device_ids": {"dev_eui": "70B3D57ED005A1B2"}, "received_at": "2024-07-09T04:00:12.345Z",
     "uplink_message": {"f_port": 2, "decoded_payload": {"weight_g": 48210, "temp_c": 31.5, "battery_mv": 3610}}}

Join requests, MAC-only uplinks and messages the payload decoder could not decode are rejected.
"""
import json
from datetime import datetime

from pyspark.sql import types as T

READING_SCHEMA = T.StructType([
    T.StructField("device_eui", T.StringType(), False),
    T.StructField("measured_at", T.TimestampType(), False),
    T.StructField("weight_kg", T.DoubleType(), False),
    T.StructField("temp_c", T.DoubleType(), True),
    T.StructField("battery_mv", T.IntegerType(), True),
])


def parse_uplink(line):
    """One reading tuple, or None if the line is not a decoded scale uplink."""
    try:
        msg = json.loads(line)
        eui = msg["end_device_ids"]["dev_eui"].upper()
        payload = msg["uplink_message"]["decoded_payload"]
        weight_g = payload["weight_g"]
        measured_at = datetime.fromisoformat(msg["received_at"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if weight_g is None or weight_g < 0:
        return None
    temp = payload.get("temp_c")
    battery = payload.get("battery_mv")
    return (eui, measured_at, weight_g / 1000.0, float(temp) if temp is not None else None,
            int(battery) if battery is not None else None)


def load_readings(spark, path):
    """Parse a day's dump. Returns (cached readings DataFrame, number of rejected lines)."""
    sc = spark.sparkContext
    rejected = sc.accumulator(0)

    def parse(line):
        reading = parse_uplink(line)
        if reading is None:
            rejected.add(1)
            return []
        return [reading]

    readings = spark.createDataFrame(sc.textFile(path).flatMap(parse), READING_SCHEMA).cache()
    readings.count()  # one pass over the dump, so that `rejected` is complete (and counted once)
    return readings, rejected.value
