"""Nightly Spark jobs. ``JOBS`` maps the name used by ``manage.py run_spark_job`` to the job's ``run``."""
from . import lift_utilisation, ridership

JOBS = {
    "ridership": ridership.run,
    "lift_utilisation": lift_utilisation.run,
}
