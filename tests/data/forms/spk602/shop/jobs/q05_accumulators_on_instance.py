from pyspark.sql import SparkSession


class PaymentAudit:
    def __init__(self, spark):
        self.seen = spark.sparkContext.accumulator(0)
        self.refused = spark.sparkContext.accumulator(0)

    def run(self, payments):
        seen, refused = self.seen, self.refused

        def check(row):
            seen.add(1)
            if row.status == "refused":
                refused.add(1)

        payments.foreach(check)
        return seen.value, refused.value
