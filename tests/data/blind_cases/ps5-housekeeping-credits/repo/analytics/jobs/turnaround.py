"""Departure turnaround per floor: minutes from the attendant finishing a departure clean to the
supervisor's inspection. A room can only be sold again once it is inspected, so long waits cost
late check-ins their room."""
from pyspark.sql import functions as F

from analytics.refdata import rooms_frame

from .inputs import load_cleaning_tasks

SLOW_INSPECTION_MINUTES = 45


def turnaround_by_floor(tasks, rooms):
    waits = (
        tasks.where((F.col("kind") == "departure") & (F.col("status") == "done")
                    & F.col("inspected_at").isNotNull())
        .withColumn("wait_minutes",
                    (F.unix_timestamp("inspected_at") - F.unix_timestamp("finished_at")) / 60)
    )
    return (
        waits.join(rooms, "room")
        .groupBy("business_date", "floor")
        .agg(
            F.count("*").alias("departures"),
            F.round(F.avg("wait_minutes"), 1).alias("avg_wait_minutes"),
            F.round(F.max("wait_minutes"), 1).alias("max_wait_minutes"),
            F.sum((F.col("wait_minutes") > SLOW_INSPECTION_MINUTES).cast("int")).alias("slow_inspections"),
        )
    )


def run(spark, tasks_path, property_code, out_path):
    report = turnaround_by_floor(load_cleaning_tasks(spark, tasks_path), rooms_frame(spark, property_code))
    report.write.mode("overwrite").parquet(out_path)
    return report.count()
