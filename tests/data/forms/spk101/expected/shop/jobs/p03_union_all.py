from pyspark.sql import SparkSession


def ledger(spark):
    debits = spark.table("debits")
    credits = spark.table("credits").withColumn("amount", -1 * spark.table("credits").amount)
    return debits.unionByName(credits)
