from analytics.jobs import gate_flow
from turnstiles.loaders import load_gate_flow
from turnstiles.management.spark_command import SparkJobCommand


class Command(SparkJobCommand):
    help = "Aggregate turnstile scans per gate and minute and load them into GateFlowMinute."
    job_name = "gate_flow"

    def run_job(self, spark, inputs, output):
        gate_flow.run(spark, inputs, output)

    def load(self, output):
        return load_gate_flow(output)
