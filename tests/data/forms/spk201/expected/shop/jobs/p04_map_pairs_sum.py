from pyspark import SparkContext


def bytes_per_host(sc, path):
    sizes = sc.textFile(path).map(lambda line: line.split(" ")).map(lambda f: (f[0], int(f[9])))
    return sizes.reduceByKey(lambda a, b: a + b)
