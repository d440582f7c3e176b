from pyspark import SparkContext


def duplicate_ids(sc, path):
    seen, dupes = set(), set()

    def first_time(line):
        key = line.split(",")[0]
        if key in seen:
            dupes.add(key)
        seen.add(key)
        return key not in dupes

    sc.textFile(path).filter(first_time).count()
    return sorted(dupes)
