"""Race results from the decoder logs.

For every bib: the first passing at each mat, gun time (FINISH - gun), chip time (FINISH - the runner's own START
passing) and splits (seconds since the runner's START passing). Results are ranked by chip time within the
official ones only; the course audit decides which are held back.
"""
from datetime import timezone as dt_timezone

from timing.audit import CourseAudit
from timing.reads import load_reads, passings_per_runner

START, FINISH = "START", "FINISH"


def compute_results(spark, reads_path, gun_time, mats, min_pace_s_per_km):
    """Returns (results, flags).

    results: {bib: {"gun_time_s", "chip_time_s", "splits"}} for every bib with reads; flags: {bib: [reasons]}.
    mats: [(mat code, km)] in course order.
    """
    per_runner = passings_per_runner(load_reads(spark, reads_path)).cache()
    try:
        gun_ms = int(gun_time.astimezone(dt_timezone.utc).timestamp() * 1000)
        results = {}
        for row in per_runner.collect():
            passings = row.passings or {}
            start_ms = passings.get(START, gun_ms)
            finish_ms = passings.get(FINISH)
            results[row.bib] = {
                "gun_time_s": None if finish_ms is None else round((finish_ms - gun_ms) / 1000),
                "chip_time_s": None if finish_ms is None else round((finish_ms - start_ms) / 1000),
                "splits": {mat: round((ms - start_ms) / 1000) for mat, ms in passings.items() if mat != START},
            }
        flags = CourseAudit(mats, min_pace_s_per_km).audit(per_runner)
        return results, flags
    finally:
        per_runner.unpersist()
