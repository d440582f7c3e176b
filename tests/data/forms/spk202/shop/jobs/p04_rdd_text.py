from pyspark import SparkContext


def errors(sc, path, out):
    sc.textFile(path).filter(lambda line: "ERROR" in line).coalesce(1).saveAsTextFile(out)
