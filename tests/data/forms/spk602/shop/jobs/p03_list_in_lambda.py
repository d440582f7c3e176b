from pyspark.sql import SparkSession


def bounced(spark):
    emails = []
    spark.table("mail_events").where("kind = 'bounce'").foreach(lambda r: emails.append(r.email))
    return emails
