def to_rows(frame):
    """The frame's rows as dicts."""
    return [row.asDict() for row in frame.collect()]
