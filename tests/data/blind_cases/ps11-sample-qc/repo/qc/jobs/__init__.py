"""Spark jobs of the QC pipeline. Each module exposes ``run(spark, input_path, run_id)``."""
