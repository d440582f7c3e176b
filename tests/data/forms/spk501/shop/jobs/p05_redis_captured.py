import redis
from pyspark import SparkContext


def count_hits(sc, path):
    client = redis.Redis(host="cache")

    def push(line):
        client.incr(line.split(",")[0])

    sc.textFile(path).foreach(push)
