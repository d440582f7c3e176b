"""Writers for the CSV exports that turnstiles.loaders reads back into Django.

An export is a Spark CSV dataset: a folder of ``part-*.csv`` files, each with a header row. Timestamps are
ISO 8601 in the session time zone (UTC).
"""
CSV_OPTIONS = {
    "header": "true",
    "timestampFormat": "yyyy-MM-dd'T'HH:mm:ssXXX",
    "encoding": "UTF-8",
}


def write_csv(df, path):
    df.write.mode("overwrite").options(**CSV_OPTIONS).csv(str(path))


def write_sorted_csv(df, path, order_by):
    """Write ``df`` with its rows in ``order_by`` order.

    The stewarding team opens the flow exports in a spreadsheet, so rows come out grouped by match and gate
    rather than in shuffle order.
    """
    ordered = df.coalesce(1).sortWithinPartitions(*order_by)
    write_csv(ordered, path)
