from pyspark import SparkContext


def refunded_total(sc, path):
    total = sc.accumulator(0.0)

    def add_up(lines):
        for line in lines:
            total.add(float(line.split(",")[2]))

    sc.textFile(path).foreachPartition(add_up)
    return total.value
