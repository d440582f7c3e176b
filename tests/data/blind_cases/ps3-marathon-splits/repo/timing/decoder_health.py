"""Per-decoder read statistics for the timing crew's race report: reads, weak reads, chips seen."""
import logging

from pyspark.sql import functions as F

logger = logging.getLogger(__name__)


class DecoderHealth:
    def __init__(self, spark, low_rssi):
        self.low_rssi = low_rssi
        self.total_reads = spark.sparkContext.accumulator(0)
        self.weak_reads = spark.sparkContext.accumulator(0)

    def report(self, reads):
        """{decoder_id: {"mat", "reads", "chips", "weak_share"}} plus totals, logged for the race report."""
        low_rssi, total, weak = self.low_rssi, self.total_reads, self.weak_reads

        def count(row):
            total.add(1)
            if row.rssi is not None and row.rssi < low_rssi:
                weak.add(1)

        reads.foreach(count)
        per_decoder = reads.groupBy("decoder_id", "mat").agg(
            F.count("*").alias("reads"),
            F.countDistinct("chip").alias("chips"),
            F.avg(F.when(F.col("rssi") < low_rssi, 1.0).otherwise(0.0)).alias("weak_share"),
        )
        stats = {r.decoder_id: {"mat": r.mat, "reads": r.reads, "chips": r.chips, "weak_share": round(r.weak_share, 3)}
                 for r in per_decoder.collect()}
        logger.info("decoders: %d reads, %d weak", total.value, weak.value)
        return {"decoders": stats, "total_reads": total.value, "weak_reads": weak.value}
