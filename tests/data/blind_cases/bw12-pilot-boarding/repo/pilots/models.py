from django.db import models


class Pilot(models.Model):
    class Grade(models.IntegerChoices):
        # Licence grades limit the length overall (LOA) a pilot may take in.
        A = 1, "A (unrestricted)"
        B = 2, "B (up to 250 m)"
        C = 3, "C (up to 150 m)"

    MAX_LOA = {Grade.A: None, Grade.B: 250, Grade.C: 150}

    name = models.CharField(max_length=120)
    licence_no = models.CharField(max_length=20, unique=True)
    grade = models.PositiveSmallIntegerField(choices=Grade.choices, default=Grade.C)
    mobile = models.CharField(max_length=20, blank=True)
    on_roster = models.BooleanField(default=True, help_text="Untick for leave, sickness, training")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.licence_no})"

    def may_handle(self, length_overall):
        limit = self.MAX_LOA[self.grade]
        return limit is None or length_overall <= limit
