from django.db import models
from django.utils import timezone


class CareTask(models.Model):
    class Kind(models.TextChoices):
        MEDICATION = "medication"
        FEEDING = "feeding"
        WELLBEING_CHECK = "check", "Wellbeing check"
        QUIET_TIME = "quiet", "Quiet time / solo walk"

    stay = models.ForeignKey("boarding.Stay", related_name="care_tasks", on_delete=models.CASCADE)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    flag = models.CharField(max_length=20, help_text="care flag this task was planned for")
    due_at = models.DateTimeField()
    instructions = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.CharField(max_length=60, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["stay", "kind", "flag", "due_at"], name="one_care_task_per_slot"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.stay.pet.name} at {timezone.localtime(self.due_at):%d %b %H:%M}"

    def mark_done(self, by):
        self.done_at = timezone.now()
        self.done_by = by
        self.save(update_fields=["done_at", "done_by"])


class DailyReport(models.Model):
    stay = models.ForeignKey("boarding.Stay", related_name="daily_reports", on_delete=models.CASCADE)
    day = models.DateField()
    text = models.TextField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["stay", "day"], name="one_report_per_day")]
