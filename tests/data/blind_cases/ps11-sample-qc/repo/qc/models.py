from django.db import models

from samples.models import SequencingRun


class QcRun(models.Model):
    """One execution of the per-sample QC job for a sequencing run (the QC dashboard lists these)."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        PASSED = "passed", "All samples passed"
        FAILED = "failed", "Samples failed QC"
        ERROR = "error", "Job error"

    run = models.ForeignKey(SequencingRun, on_delete=models.CASCADE, related_name="qc_runs")
    input_path = models.CharField(max_length=500)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    thresholds = models.JSONField(default=dict)
    total_samples = models.PositiveIntegerField(default=0)
    failed_count = models.PositiveIntegerField(default=0)
    failed_samples = models.JSONField(default=list)  # sample ids, sorted
    failure_reasons = models.JSONField(default=dict)  # {"low_q30": 3, "low_yield": 1}
    error_message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"QC {self.run.run_id} ({self.status})"

    @property
    def is_finished(self):
        return self.status in (self.Status.PASSED, self.Status.FAILED)


class LaneYield(models.Model):
    run = models.ForeignKey(SequencingRun, on_delete=models.CASCADE, related_name="lane_yields")
    lane = models.PositiveSmallIntegerField()
    reads = models.BigIntegerField()
    pf_reads = models.BigIntegerField()
    pf_pct = models.FloatField()
    yield_bases = models.BigIntegerField()
    pct_q30 = models.FloatField()
    low_pf = models.BooleanField(default=False)
    malformed_records = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["run", "lane"]
        constraints = [models.UniqueConstraint(fields=["run", "lane"], name="uniq_lane_yield_per_run")]

    def __str__(self):
        return f"{self.run.run_id} L{self.lane:03d}"
