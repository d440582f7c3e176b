from pyspark import SparkContext


def refunded_total(sc, path):
    total = 0.0

    def add_up(lines):
        nonlocal total
        for line in lines:
            total += float(line.split(",")[2])

    sc.textFile(path).foreachPartition(add_up)
    return total
