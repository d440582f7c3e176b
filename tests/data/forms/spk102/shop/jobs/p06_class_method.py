from pyspark.sql import SparkSession


class Loader:
    def __init__(self, spark):
        self.spark = spark

    def load(self, path, table):
        self.spark.read.json(path).write.mode("append").saveAsTable(table)
