from pyspark.sql import SparkSession


class Exporter:
    def __init__(self, spark):
        self.spark = spark

    def run(self, out):
        self.spark.table("invoices").repartition(1).write.parquet(out)
