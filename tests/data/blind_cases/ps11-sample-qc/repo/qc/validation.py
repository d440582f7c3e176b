"""Record-level sanity checks for the per-read metrics, counted with Spark accumulators."""


class RecordValidator:
    """Counts reads the lane summary has to skip.

    Pass ``validator.check`` to ``DataFrame.foreach``; read the totals from ``malformed`` / ``missing_lane``
    (accumulators) on the driver once the action has run.
    """

    def __init__(self, sc):
        self.malformed = sc.accumulator(0)
        self.missing_lane = sc.accumulator(0)

    def check(self, row):
        if row["lane"] is None:
            self.missing_lane.add(1)
        elif row["length"] is None or row["length"] <= 0 or row["q30_bases"] is None:
            self.malformed.add(1)
        elif row["q30_bases"] > row["length"]:
            self.malformed.add(1)

    @property
    def skipped(self):
        return self.malformed.value + self.missing_lane.value
