from django.db import models


class ReportCard(models.Model):
    enrollment = models.OneToOneField("courses.Enrollment", on_delete=models.CASCADE, related_name="report_card")
    percent = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    # "I" = incomplete: nothing graded yet in any counted category
    letter = models.CharField(max_length=2, default="I")
    computed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.enrollment_id}: {self.letter} ({self.percent})"
