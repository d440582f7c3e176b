import redis
from pyspark import SparkContext


def push(lines):
    client = redis.Redis(host="cache")
    for line in lines:
        client.incr(line.split(",")[0])


def count_hits(sc, path):
    sc.textFile(path).foreachPartition(push)
