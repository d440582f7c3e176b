"""Linen needed per item for one business date: the laundry order for the next morning.

Departure and deep cleans get a full change at the room type's par; stayovers only get fresh towels
(sheets on stayovers are changed every third night by the floor supervisor and are not counted here).
"""
from pyspark.sql import functions as F
from pyspark.sql import types as T

from analytics.refdata import broadcast_linen_par, broadcast_room_types

from .inputs import load_cleaning_tasks

STAYOVER_ITEMS = ("bath_towel", "hand_towel")


def linen_udf(room_types, par):
    """UDF (room, kind) -> {item: quantity} from the broadcast room types and linen par levels."""

    def items(room_number, kind):
        type_code = room_types.value.get(room_number)
        if type_code is None:
            return None
        full_change = par.value.get(type_code, {})
        if kind == "stayover":
            return {item: qty for item, qty in full_change.items() if item in STAYOVER_ITEMS}
        return dict(full_change)

    return F.udf(items, T.MapType(T.StringType(), T.IntegerType()))


def linen_usage(tasks, room_types, par):
    items = linen_udf(room_types, par)
    done = tasks.where(F.col("status") == "done")
    return (
        done.select("business_date", F.explode(items("room", "kind")).alias("item", "quantity"))
        .groupBy("business_date", "item")
        .agg(F.sum("quantity").alias("quantity"))
    )


def run(spark, tasks_path, property_code, out_path):
    tasks = load_cleaning_tasks(spark, tasks_path)
    usage = linen_usage(tasks, broadcast_room_types(spark, property_code),
                        broadcast_linen_par(spark, property_code))
    usage.write.mode("overwrite").parquet(out_path)
    return usage.count()
