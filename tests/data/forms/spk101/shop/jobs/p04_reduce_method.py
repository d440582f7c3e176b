from functools import reduce

from pyspark.sql import DataFrame, SparkSession


def all_regions(spark, paths):
    frames = [spark.read.option("header", True).csv(p) for p in paths]
    return reduce(DataFrame.union, frames)
