"""spark-submit entry point: ``spark-submit --py-files seqcore.zip -m qc.jobs <job> <run_id> <input_path>``.

Also usable as ``python -m qc.jobs ...`` on an edge node with pyspark installed.
"""
import argparse
import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seqcore.settings")
    import django

    django.setup()

    from qc.jobs import lane_yield, sample_qc
    from qc.spark import get_spark

    jobs = {"sample_qc": sample_qc.run, "lane_yield": lane_yield.run}
    parser = argparse.ArgumentParser(prog="qc.jobs")
    parser.add_argument("job", choices=sorted(jobs))
    parser.add_argument("run_id")
    parser.add_argument("input_path")
    args = parser.parse_args(argv)

    spark = get_spark(app_name=f"seqcore-{args.job}-{args.run_id}")
    try:
        jobs[args.job](spark, args.input_path, args.run_id)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
