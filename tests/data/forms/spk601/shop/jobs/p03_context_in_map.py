from pyspark import SparkContext


def expand(sc, path):
    return sc.textFile(path).map(lambda name: sc.textFile(name).count())
