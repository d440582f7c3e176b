from django.db import models
from django.utils import timezone


class Gate(models.Model):
    class Stand(models.TextChoices):
        NORTH = "N", "North Stand"
        EAST = "E", "East Stand"
        SOUTH = "S", "South Stand"
        WEST = "W", "West Stand"

    code = models.CharField(max_length=8, unique=True, help_text="As printed on the gate, e.g. G07")
    name = models.CharField(max_length=80)
    stand = models.CharField(max_length=1, choices=Stand.choices)
    lanes = models.PositiveSmallIntegerField(default=4)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} ({self.get_stand_display()})"


class Match(models.Model):
    code = models.CharField(max_length=32, unique=True, help_text="The code the controllers stamp on every scan")
    competition = models.CharField(max_length=60)
    home_team = models.CharField(max_length=60)
    away_team = models.CharField(max_length=60)
    kickoff = models.DateTimeField()
    gates_open = models.DateTimeField()
    capacity = models.PositiveIntegerField()

    class Meta:
        ordering = ["kickoff"]
        verbose_name_plural = "matches"

    def __str__(self):
        return f"{self.home_team} v {self.away_team} ({timezone.localtime(self.kickoff):%d %b %Y})"


class GateFlowMinute(models.Model):
    """Scans at one gate during one minute (UTC) of a match day."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="gate_flow")
    gate = models.ForeignKey(Gate, on_delete=models.PROTECT, related_name="flow")
    minute = models.DateTimeField()
    admitted = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    reentries = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["match", "gate", "minute"]
        constraints = [
            models.UniqueConstraint(fields=["match", "gate", "minute"], name="uniq_gate_flow_minute"),
        ]

    def __str__(self):
        return f"{self.match.code} {self.gate.code} {self.minute:%H:%M}"


class MatchAttendance(models.Model):
    match = models.OneToOneField(Match, on_delete=models.CASCADE, related_name="attendance")
    admitted = models.PositiveIntegerField()
    unique_tickets = models.PositiveIntegerField()
    rejected = models.PositiveIntegerField()
    reentries = models.PositiveIntegerField()
    first_admit_at = models.DateTimeField(null=True)
    last_admit_at = models.DateTimeField(null=True)
    busiest_gate = models.ForeignKey(Gate, null=True, on_delete=models.SET_NULL, related_name="+")
    busiest_gate_admitted = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.match.code}: {self.unique_tickets}"


class TurnstileFaultCount(models.Model):
    day = models.DateField()
    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="fault_counts")
    lane = models.PositiveSmallIntegerField()
    fault_code = models.CharField(max_length=16)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["day", "gate", "lane", "fault_code"]
        constraints = [
            models.UniqueConstraint(fields=["day", "gate", "lane", "fault_code"], name="uniq_fault_count"),
        ]


class JobRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    job = models.CharField(max_length=40)
    first_day = models.DateField()
    last_day = models.DateField()
    output_path = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_loaded = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def finish(self, loaded, skipped):
        self.status = self.Status.SUCCEEDED
        self.rows_loaded = loaded
        self.rows_skipped = skipped
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "rows_loaded", "rows_skipped", "finished_at"])

    def fail(self, exc):
        self.status = self.Status.FAILED
        self.error = f"{type(exc).__name__}: {exc}"[:2000]
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "error", "finished_at"])
