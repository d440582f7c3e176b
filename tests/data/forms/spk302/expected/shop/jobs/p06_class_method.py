from pyspark.sql import SparkSession


class Rollup:
    def __init__(self, spark):
        self.spark = spark

    def run(self, months):
        for month in months:
            invoices = self.spark.table("invoices").where(f"month = '{month}'").cache()
            invoices.groupBy("customer_id").count().write.parquet(f"s3://lake/rollup/{month}")
            invoices.unpersist()
