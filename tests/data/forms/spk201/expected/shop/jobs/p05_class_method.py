from pyspark.sql import SparkSession


class StockJob:
    def __init__(self, spark):
        self.spark = spark

    def lowest_price(self):
        offers = self.spark.table("offers").rdd.map(lambda o: (o.sku, o.price))
        return offers.reduceByKey(min).collect()
