from pyspark.sql import SparkSession


class Merger:
    def __init__(self, spark):
        self.spark = spark

    def merged(self, left_path, right_path):
        left = self.spark.read.parquet(left_path)
        right = self.spark.read.parquet(right_path)
        return left.union(right)
