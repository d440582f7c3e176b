from pyspark import SparkContext


def per_file(sc, paths):
    sizes = []
    for path in paths:
        lines = sc.textFile(path).cache()
        sizes.append((path, lines.count(), lines.filter(lambda l: "ERROR" in l).count()))
    return sizes
