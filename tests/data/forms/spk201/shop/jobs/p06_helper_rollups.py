def count_per_key(pairs):
    """Events per key of a pair RDD."""
    return pairs.groupByKey().mapValues(lambda events: len(list(events)))
