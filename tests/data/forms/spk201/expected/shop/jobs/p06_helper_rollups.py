def count_per_key(pairs):
    """Events per key of a pair RDD."""
    return pairs.mapValues(lambda _: 1).reduceByKey(lambda a, b: a + b)
