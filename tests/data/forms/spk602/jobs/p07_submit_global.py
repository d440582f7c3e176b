from pyspark.sql import SparkSession

mismatches = 0


def compare(row):
    global mismatches
    if row.expected != row.actual:
        mismatches += 1


spark = SparkSession.builder.appName("reconcile").getOrCreate()
spark.read.parquet("s3://lake/reconcile").foreach(compare)
print(f"mismatches: {mismatches}")
