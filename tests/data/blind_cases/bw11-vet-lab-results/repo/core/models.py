from django.db import models


class AuditEntry(models.Model):
    """One line of the audit trail written by :func:`core.db.unit_of_work`."""

    operation = models.CharField(max_length=80)
    actor = models.CharField(max_length=80)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.operation}: {self.action} {self.object_type}#{self.object_id}"
