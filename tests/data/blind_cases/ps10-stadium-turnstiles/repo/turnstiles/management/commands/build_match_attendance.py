from analytics.jobs import match_attendance
from turnstiles.loaders import load_match_attendance
from turnstiles.management.spark_command import SparkJobCommand


class Command(SparkJobCommand):
    help = "Aggregate turnstile scans per match and load the totals into MatchAttendance."
    job_name = "match_attendance"

    def run_job(self, spark, inputs, output):
        match_attendance.run(spark, inputs, output)

    def load(self, output):
        return load_match_attendance(output)
