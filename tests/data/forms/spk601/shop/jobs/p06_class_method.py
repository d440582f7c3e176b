from pyspark.sql import SparkSession


class Scorer:
    def __init__(self, spark):
        self.spark = spark

    def scores(self, events):
        weights = self.spark.table("weights")
        return events.rdd.map(lambda e: weights.where(weights.kind == e.kind).first().w)
