from pyspark.sql import SparkSession


class ExportJob:
    def __init__(self, spark):
        self.spark = spark

    def run(self, out):
        for row in self.spark.table("invoices").toLocalIterator():
            out.write(f"{row.number}\n")
