import requests
from pyspark.sql import SparkSession


def main():
    spark = SparkSession.builder.appName("notify").getOrCreate()
    http = spark.sparkContext.broadcast(requests.Session())
    spark.read.json("s3://lake/alerts").rdd.foreach(lambda a: http.value.post("https://hooks/x", json=a.asDict()))


main()
