from celery import states
from django.db import models
from django.utils import timezone


class JobRun(models.Model):
    """One execution of a background job, as shown on the ops dashboard."""

    STATUS_CHOICES = [(s, s.lower()) for s in (states.STARTED, states.SUCCESS, states.FAILURE, states.RETRY)]

    name = models.CharField(max_length=80, db_index=True)
    task_id = models.CharField(max_length=64, blank=True)
    arguments = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=states.STARTED)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    result = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.name} [{self.status}] {self.started_at:%H:%M:%S}"

    def finish(self, status, *, error="", result=""):
        self.status = status
        self.error = error
        self.result = result[:200]
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "error", "result", "finished_at"])
