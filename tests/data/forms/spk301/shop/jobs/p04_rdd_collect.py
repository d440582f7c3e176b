from pyspark import SparkContext


def all_lines(sc, path):
    return sc.textFile(path).map(lambda line: line.split(",")).collect()
