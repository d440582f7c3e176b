from pyspark.sql import SparkSession


def tag_counts(spark):
    counts = {}

    def tag(row):
        counts[row.tag] = counts.get(row.tag, 0) + 1
        return row

    spark.table("posts").rdd.map(tag).count()
    return counts
