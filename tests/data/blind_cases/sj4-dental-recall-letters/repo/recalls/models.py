from django.db import models


class Recall(models.Model):
    """A patient is due back for a check-up or a hygiene visit."""

    class Kind(models.TextChoices):
        CHECKUP = "checkup", "Check-up"
        HYGIENE = "hygiene", "Hygiene appointment"

    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE, related_name="recalls")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    due_on = models.DateField()
    letter_batch = models.ForeignKey("LetterBatch", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="recalls")
    booked = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_on"]

    def __str__(self):
        return f"{self.patient} {self.get_kind_display()} due {self.due_on}"


class LetterBatch(models.Model):
    """One upload of recall letters to the print & post vendor."""

    created_at = models.DateTimeField()
    letters = models.PositiveIntegerField(default=0)
    vendor_ref = models.CharField(max_length=64, blank=True)
    archive_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"batch {self.pk} ({self.letters} letters)"
