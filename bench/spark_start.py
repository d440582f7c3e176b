"""What a local Spark session costs a validation run: its start and first small job, with the JVM options the
validation runner gives the project's test processes (``rootfix.validate.runner.SPARK_JVM_OPTIONS``) and without.

Every pytest process rootfix runs for a Spark case (baseline, regression tests on the unpatched code, the suite
with the fix) starts its own JVM; this measures one start, alternating the two settings so that both see the same
machine load.

    python bench/spark_start.py [--rounds 2] [--python VENV/bin/python]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from rootfix.validate.runner import SPARK_JVM_OPTIONS

PROBE = '''
import time
t = time.time()
from pyspark.sql import SparkSession
s = (SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
     .config("spark.sql.shuffle.partitions", "1").getOrCreate())
t1 = time.time()
s.createDataFrame([(1, "a"), (2, "b")], "x long, y string").groupBy("y").count().collect()
print(f"{t1 - t:.2f} {time.time() - t1:.2f}")
'''


def one(python: str, jvm_options: str | None) -> tuple[float, float]:
    env = dict(os.environ)
    env.pop("JDK_JAVA_OPTIONS", None)
    if jvm_options:
        env["JDK_JAVA_OPTIONS"] = jvm_options
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.py"
        probe.write_text(PROBE)
        out = subprocess.run([python, str(probe)], env=env, capture_output=True, text=True, timeout=900).stdout
    start, job = out.split()[-2:]
    return float(start), float(job)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    runs: dict[str, list[tuple[float, float]]] = {"default JVM": [], SPARK_JVM_OPTIONS: []}
    for _ in range(args.rounds):
        for label in runs:
            runs[label].append(one(args.python, None if label == "default JVM" else label))
    load = os.getloadavg()[0]
    print(f"{'JVM options':45} {'start s':>9} {'first job s':>12} {'total s':>9}   (load {load:.1f})")
    for label, got in runs.items():
        start = statistics.median(s for s, _ in got)
        job = statistics.median(j for _, j in got)
        print(f"{label:45} {start:9.1f} {job:12.1f} {start + job:9.1f}")


if __name__ == "__main__":
    main()
