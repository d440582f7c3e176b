from pyspark.sql import SparkSession


def contacts(spark, crm_path, shop_path):
    crm = spark.read.option("header", True).csv(crm_path)
    shop = spark.read.json(shop_path)
    return crm.union(shop)
