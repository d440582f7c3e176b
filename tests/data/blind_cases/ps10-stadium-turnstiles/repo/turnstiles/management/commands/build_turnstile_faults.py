from analytics.jobs import turnstile_faults
from turnstiles.loaders import load_fault_counts
from turnstiles.management.spark_command import SparkJobCommand


class Command(SparkJobCommand):
    help = "Count controller faults per gate, lane and fault code from the controllers' fault logs."
    job_name = "turnstile_faults"
    raw_source = "FAULT_LOGS"

    def run_job(self, spark, inputs, output):
        turnstile_faults.run(spark, inputs, output)

    def load(self, output):
        return load_fault_counts(output)
